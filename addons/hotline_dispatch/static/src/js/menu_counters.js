odoo.define('hotline_dispatch.menu_counters', function (require) {
"use strict";
/**
 * Issue #3, each role's desk: the number of records waiting in each desk queue next to its
 * menu entry (待签收 3, 待审核 5…), counted on the server for the current user (record rules
 * applied). Refreshed when the menu changes and every minute.
 */
var core = require('web.core');
var Menu = require('web.Menu');
var rpc = require('web.rpc');

var REFRESH_MS = 60000;

Menu.include({
    start: function () {
        var self = this;
        var res = this._super.apply(this, arguments);
        core.bus.on('change_menu_section', this, this._hotlineRefreshCounters);
        this._hotlineTimer = setInterval(function () {
            self._hotlineRefreshCounters();
        }, REFRESH_MS);
        this._hotlineRefreshCounters();
        return res;
    },
    destroy: function () {
        clearInterval(this._hotlineTimer);
        this._super.apply(this, arguments);
    },
    _hotlineRefreshCounters: function () {
        return rpc.query({
            model: 'hotline.desk.queue',
            method: 'hotline_menu_counts',
            args: [],
        }, {shadow: true}).then(function (counts) {
            _.each(counts, function (value, menuId) {
                var $links = $('a[data-menu="' + menuId + '"]');
                $links.find('.o_hotline_menu_counter').remove();
                if (!value[0]) {
                    return;
                }
                var $badge = $('<span class="badge o_hotline_menu_counter"/>').text(value[0]);
                if (value[1]) {
                    $badge.addClass('o_hotline_menu_counter_warning');
                }
                $links.append($badge);
            });
        });
    },
});

});
