/* MO-3: the wallboard polls its figures and redraws in place (no page reload). */
(function () {
    'use strict';
    var body = document.body;
    var refresh = (parseInt(body.getAttribute('data-refresh'), 10) || 10) * 1000;
    var SVG = 'http://www.w3.org/2000/svg';

    function text(id, value) {
        document.getElementById(id).textContent =
            value === null || value === undefined ? '—' : value;
    }

    function bars(id, rows) {
        var box = document.getElementById(id);
        var max = Math.max.apply(null, rows.map(function (r) { return r.count; }).concat([1]));
        box.innerHTML = '';
        rows.forEach(function (r) {
            var row = document.createElement('div');
            row.className = 'o_wb_row';
            var name = document.createElement('span');
            name.className = 'o_wb_name';
            name.textContent = r.name;
            var track = document.createElement('span');
            track.className = 'o_wb_track';
            var fill = document.createElement('span');
            fill.className = 'o_wb_fill';
            fill.style.display = 'block';
            fill.style.width = (100 * r.count / max) + '%';
            track.appendChild(fill);
            var num = document.createElement('span');
            num.className = 'o_wb_num';
            num.textContent = r.count;
            row.appendChild(name);
            row.appendChild(track);
            row.appendChild(num);
            box.appendChild(row);
        });
    }

    function hours(rows) {
        var svg = document.getElementById('wb_hours');
        var width = 960, height = 260, bottom = 24, slot = width / rows.length;
        var max = Math.max.apply(null, rows.map(function (r) {
            return Math.max(r.tickets, r.calls);
        }).concat([1]));
        while (svg.firstChild) { svg.removeChild(svg.firstChild); }
        rows.forEach(function (r, i) {
            [['tickets', 'o_wb_bar_t', 0.1], ['calls', 'o_wb_bar_c', 0.5]].forEach(function (s) {
                var h = (height - bottom - 10) * r[s[0]] / max;
                var rect = document.createElementNS(SVG, 'rect');
                rect.setAttribute('x', i * slot + slot * s[2]);
                rect.setAttribute('y', height - bottom - h);
                rect.setAttribute('width', slot * 0.38);
                rect.setAttribute('height', h);
                rect.setAttribute('class', s[1]);
                svg.appendChild(rect);
            });
            if (i % 2 === 0) {
                var label = document.createElementNS(SVG, 'text');
                label.setAttribute('x', i * slot + slot * 0.15);
                label.setAttribute('y', height - 6);
                label.setAttribute('class', 'o_wb_axis');
                label.textContent = r.hour;
                svg.appendChild(label);
            }
        });
    }

    function list(id, rows) {
        var box = document.getElementById(id);
        box.innerHTML = '';
        rows.forEach(function (r) {
            var li = document.createElement('li');
            li.textContent = r.name + '  ' + r.count;
            box.appendChild(li);
        });
    }

    function draw(data) {
        var t = data.totals;
        text('wb_time', data.time);
        text('wb_tickets', t.tickets);
        text('wb_closed', t.closed);
        text('wb_dispatched', t.dispatched);
        text('wb_offered', t.offered);
        text('wb_answered', t.answered);
        text('wb_waiting', t.waiting);
        var sl = data.service_level;
        text('wb_sl', sl.value === null ? '—' : sl.value + '%');
        text('wb_target', sl.target);
        var tile = document.getElementById('wb_sl_tile');
        tile.className = 'o_wb_tile o_wb_sl ' + (sl.value === null ? '' :
            (sl.ok ? 'o_wb_ok' : 'o_wb_bad'));
        hours(data.hours);
        bars('wb_categories', data.by_category);
        bars('wb_channels', data.by_channel);
        list('wb_hot', data.hot);
        list('wb_alerts', data.alerts);
        document.getElementById('wb_no_alert').style.display = data.alerts.length ? 'none' : '';
        body.setAttribute('data-updated', data.time);
    }

    function poll() {
        var ok = document.getElementById('wb_ok');
        var error = document.getElementById('wb_error');

        function state(good) {
            ok.style.display = good ? '' : 'none';
            error.style.display = good ? 'none' : '';
        }
        var request = new XMLHttpRequest();
        request.open('GET', '/hotline/wallboard/data?_=' + Date.now());
        request.onload = function () {
            if (request.status === 200) {
                draw(JSON.parse(request.responseText));
                state(true);
            } else {
                state(false);
            }
            window.setTimeout(poll, refresh);
        };
        request.onerror = function () {
            state(false);
            window.setTimeout(poll, refresh);
        };
        request.send();
    }
    poll();
})();
