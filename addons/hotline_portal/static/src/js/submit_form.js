/* CH-1, TK-2: on the submission form, the street list follows the district and the
 * community list follows the street (from the places embedded in the page: nothing is
 * fetched); "use my current position" fills the coordinates when the browser can tell
 * them (no map tiles are needed, so it works on a closed network). Without JavaScript the
 * form still works: the server fills the lists of what was chosen after each round trip. */
(function () {
    'use strict';
    function init() {
        var form = document.querySelector('form.o_hotline_submit_form');
        if (!form) { return; }
        var treeNode = form.querySelector('.o_hotline_location_tree');
        var places = treeNode ? JSON.parse(treeNode.textContent || '[]') : [];
        var district = form.querySelector('#location_id');
        var street = form.querySelector('#street_id');
        var community = form.querySelector('#community_id');

        function fill(select, parentId, type) {
            var keep = select.value;
            var empty = select.options[0];
            while (select.options.length > 1) { select.remove(1); }
            empty.selected = true;
            places.forEach(function (place) {
                if (String(place.parent) === String(parentId) && place.type === type) {
                    var option = document.createElement('option');
                    option.value = place.id;
                    option.textContent = place.name;
                    option.selected = String(place.id) === keep;
                    select.appendChild(option);
                }
            });
            select.disabled = select.options.length <= 1;
        }
        if (district && street && community) {
            district.addEventListener('change', function () {
                fill(street, district.value, 'street');
                fill(community, street.value, 'community');
            });
            street.addEventListener('change', function () {
                fill(community, street.value, 'community');
            });
            fill(street, district.value, 'street');
            fill(community, street.value, 'community');
        }

        // the names of the chosen files next to the page's own file button
        var input = form.querySelector('.o_hotline_file_input');
        var names = form.querySelector('.o_hotline_file_names');
        if (input && names) {
            var none = names.textContent;
            input.addEventListener('change', function () {
                var chosen = Array.prototype.map.call(input.files || [], function (file) {
                    return file.name;
                });
                names.textContent = chosen.length ? chosen.join('、') : none;
            });
        }

        var locate = form.querySelector('.o_hotline_locate');
        var texts = form.querySelector('.o_hotline_locate_texts');
        var message = form.querySelector('.o_hotline_locate_msg');
        if (locate && navigator.geolocation) {
            locate.classList.remove('hidden');
            locate.addEventListener('click', function () {
                navigator.geolocation.getCurrentPosition(function (position) {
                    form.querySelector('#latitude').value = position.coords.latitude.toFixed(6);
                    form.querySelector('#longitude').value = position.coords.longitude.toFixed(6);
                    message.textContent = texts.getAttribute('data-found');
                }, function () {
                    message.textContent = texts.getAttribute('data-failed');
                }, {timeout: 10000});
            });
        }
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
