odoo.define('hotline_dispatch.list_dates', function (require) {
"use strict";
/**
 * Issue #16 ("list dates carry seconds and wrap"): date and date-time cells of every list keep
 * on one line (2026-12-07 09:14; the seconds are gone with the zh_CN formats of hotline_core).
 */
var ListRenderer = require('web.ListRenderer');

ListRenderer.include({
    _renderBodyCell: function (record, node) {
        var $td = this._super.apply(this, arguments);
        var field = node.tag === 'field' && record.fields[node.attrs.name];
        if (field && (field.type === 'datetime' || field.type === 'date')) {
            $td.addClass('o_hotline_date_cell');
        }
        return $td;
    },
});

});
