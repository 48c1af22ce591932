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
   hotline_core's terms keeps them.

   An access refusal ends with Odoo's technical details — "(单据类型: hotline.ticket, 操作:
   read)", "(单据模型: hotline.unit)" — model names and operation codes in English; they are
   left out for the users and kept in debug mode, for the administrators. */
odoo.define('hotline_core.crash_manager', function (require) {
"use strict";

var config = require('web.config');
var core = require('web.core');
var CrashManager = require('web.CrashManager');

var _t = core._t;
var _lt = core._lt;

var WEB_TITLES = [
    _lt('Odoo'), _lt('Odoo Warning'), _lt('Odoo Error'), _lt('Odoo Session Expired'),
    _lt('Your Odoo session expired. Please refresh the current web page.'),
    _lt('Odoo Client Error'),
];

// the trailing "(…)" of an access refusal: the model's technical name, the operation's code
var TECHNICAL_TAIL = /\s*\([^()]*\)\s*$/;

function translated(error) {
    if (error && error.message === 'Odoo Server Error') {
        error = _.extend({}, error, {message: _t('Odoo Server Error')});
    }
    if (error && error.data && error.data.exception_type === 'access_error' && !config.debug &&
            typeof error.data.message === 'string') {
        error = _.extend({}, error, {data: _.extend({}, error.data, {
            message: error.data.message.replace(TECHNICAL_TAIL, '')})});
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
