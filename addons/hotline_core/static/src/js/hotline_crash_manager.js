/* Copyright 2026 The 12345 Hotline Authors
   License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).

   Issue 16, NF-1: Odoo 11 titles the dialog of every error the server reports (validation,
   access, concurrency…) with the server's untranslated "Odoo Server Error"; the hotline's
   users read Chinese. */
odoo.define('hotline_core.crash_manager', function (require) {
"use strict";

var core = require('web.core');
var CrashManager = require('web.CrashManager');

var _t = core._t;

function translated(error) {
    if (error && error.message === 'Odoo Server Error') {
        return _.extend({}, error, {message: _t('Odoo Server Error')});
    }
    return error;
}

CrashManager.include({
    show_warning: function (error) {
        return this._super(translated(error));
    },
    show_error: function (error) {
        return this._super(translated(error));
    },
});

return {translated: translated};
});
