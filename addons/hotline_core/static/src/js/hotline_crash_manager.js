/* Copyright 2026 The 12345 Hotline Authors
   License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).

   Issue 16, NF-1: Odoo 11 titles the dialog of every error the server reports (validation,
   access, concurrency…) with the server's untranslated "Odoo Server Error"; the hotline's
   users read Chinese.

   Odoo 11's own titles also name the product "Odoo": a dialog without a title of its own
   (Odoo), a warning without a type (Odoo警告, e.g. a redirect warning), an error (Odoo错误),
   an expired session (Odoo会话过期), a page error (Odoo客户端错误). The web client loads the
   translations of "web" first and every other module's after, so hotline_core's zh_CN.po
   translates these same terms of web without "Odoo"; they are named here so that exporting
   hotline_core's terms keeps them. */
odoo.define('hotline_core.crash_manager', function (require) {
"use strict";

var core = require('web.core');
var CrashManager = require('web.CrashManager');

var _t = core._t;
var _lt = core._lt;

var WEB_TITLES = [
    _lt('Odoo'), _lt('Odoo Warning'), _lt('Odoo Error'), _lt('Odoo Session Expired'),
    _lt('Your Odoo session expired. Please refresh the current web page.'),
    _lt('Odoo Client Error'),
];

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

return {translated: translated, WEB_TITLES: WEB_TITLES};
});
