/* Copyright 2026 The 12345 Hotline Authors
   License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).

   TK-6, issue 16: duplicate screening while the agent types.
   - ``options="{'hotline_live': true}"`` on a text field sends what is typed to the
     server after a short pause (Odoo 11 waits for the field to lose focus), so that the
     duplicate counters follow the typing.
   - ``widget="hotline_duplicates"`` on a counter opens the requests it counts without
     saving the form first (a button would save it, and fail while the content is empty). */
odoo.define('hotline_core.live_fields', function (require) {
"use strict";

var basicFields = require('web.basic_fields');
var registry = require('web.field_registry');

var LIVE_DELAY = 400;  // ms after the last key

basicFields.InputField.include({
    init: function () {
        this._super.apply(this, arguments);
        if (this.mode === 'edit' && this.nodeOptions.hotline_live) {
            var self = this;
            var live = _.debounce(function () {
                if (!self.isDestroyed()) {
                    self._doAction();
                }
            }, LIVE_DELAY);
            this._doDebouncedAction = function () {
                self._isDirty = true;
                live();
            };
        }
    },
});

var DuplicateCount = basicFields.FieldInteger.extend({
    events: _.extend({}, basicFields.FieldInteger.prototype.events, {
        click: '_onOpenDuplicates',
    }),
    supportedFieldTypes: ['integer'],
    isSet: function () {
        return true;
    },
    _render: function () {
        this.$el.addClass('o_hotline_duplicates btn-link').css('cursor', 'pointer')
            .text(this.value || 0);
    },
    _onOpenDuplicates: function (ev) {
        ev.preventDefault();
        ev.stopPropagation();
        var self = this;
        var data = this.record.data;
        var values = {
            contact_phone: data.contact_phone,
            caller_number: data.caller_number,
            contact_name: data.contact_name,
            title: data.title,
        };
        this._rpc({
            model: 'hotline.ticket',
            method: 'hotline_duplicates_action',
            args: [this.nodeOptions.kind || 'phone', values, this.res_id || false],
        }).then(function (action) {
            self.do_action(action);
        });
    },
});

registry.add('hotline_duplicates', DuplicateCount);

return {DuplicateCount: DuplicateCount};
});
