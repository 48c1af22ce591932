odoo.define('hotline_cti.status', function (require) {
"use strict";
/* AG-3, AG-4: the agent's status bar in the systray and the screen pop.
 * Messages arrive on the user's own channel (db, 'hotline.cti', partner_id), which the
 * server adds to every long-polling request (controllers/bus.py); the browser cannot
 * subscribe to anyone else's. */

var core = require('web.core');
var SystrayMenu = require('web.SystrayMenu');
var Widget = require('web.Widget');
var bus = require('bus.bus').bus;
var session = require('web.session');

var QWeb = core.qweb;
var _t = core._t;

var CtiStatus = Widget.extend({
    template: 'hotline_cti.Status',
    events: {
        'click .o_hotline_cti_login': '_onLogin',
        'click .o_hotline_cti_pause': '_onPause',
        'click .o_hotline_cti_ready': '_onReady',
        'click .o_hotline_cti_logout': '_onLogout',
        'click .o_hotline_cti_help': '_onHelp',
        'click .o_hotline_cti_hold': '_onHold',
        'click .o_hotline_cti_retrieve': '_onRetrieve',
        'click .o_hotline_cti_conference': '_onConference',
        'click .o_hotline_cti_transfer': '_onTransfer',
        'click .o_hotline_cti_hangup': '_onHangup',
    },
    start: function () {
        var self = this;
        this.status = false;
        // notifications wait for the first status, to tell replayed ones from new ones
        this.ready = this._refresh();
        bus.on('notification', this, function (notifications) {
            self.ready.then(function () { self._onNotification(notifications); });
        });
        bus.start_polling();
        return $.when(this._super.apply(this, arguments), this.ready).then(function () {
            self._render();
            self._showUnread();
        });
    },
    _showUnread: function () {
        // AG-6: team-leader messages missed while logged out
        var self = this;
        if (!this.status) {
            return;
        }
        return this._rpc({model: 'hotline.cti.message', method: 'cti_unread', args: [],
                          kwargs: {context: session.user_context}})
            .then(function (messages) {
                _.each(messages, function (message) { self._showMessage(message); });
            });
    },
    _showMessage: function (message) {
        this.do_warn(_t('Message from the team leader') + ' ' + message.author, message.body, true);
        return this._rpc({model: 'hotline.cti.message', method: 'cti_mark_read',
                          args: [[message.id]], kwargs: {context: session.user_context}});
    },
    _onHelp: function (ev) {
        ev.preventDefault();
        var self = this;
        this._rpc({model: 'hotline.cti.message', method: 'cti_help', args: [],
                   kwargs: {context: session.user_context}}).then(function () {
            self.do_notify(_t('Help requested'), _t('The team leaders have been told.'));
        });
    },
    _refresh: function () {
        var self = this;
        return this._rpc({model: 'hotline.cti.agent', method: 'cti_my_status', args: [],
                          kwargs: {context: session.user_context}})
            .then(function (status) {
                self.status = status;
                self._render();
            });
    },
    _render: function () {
        this.$el.html(QWeb.render('hotline_cti.StatusContent', {widget: this, status: this.status}));
        this.$el.toggleClass('o_hidden', !this.status);
    },
    _call: function (method, args) {
        var self = this;
        return this._rpc({model: 'hotline.cti.agent', method: 'search', args: [[['user_id', '=', this.getSession().uid]]]})
            .then(function (ids) {
                return self._rpc({model: 'hotline.cti.agent', method: method, args: [ids].concat(args || []),
                                  kwargs: {context: session.user_context}});
            }).then(function () {
                return self._refresh();
            });
    },
    _onLogin: function (ev) { ev.preventDefault(); this._call('action_login'); },
    _onReady: function (ev) { ev.preventDefault(); this._call('action_ready'); },
    _onLogout: function (ev) { ev.preventDefault(); this._call('action_logout'); },
    // AG-5: call controls of the call in hand
    _onHold: function (ev) { ev.preventDefault(); this._call('action_hold'); },
    _onRetrieve: function (ev) { ev.preventDefault(); this._call('action_retrieve'); },
    _onHangup: function (ev) { ev.preventDefault(); this._call('action_hangup'); },
    _onConference: function (ev) {
        ev.preventDefault();
        var number = window.prompt(_t('Number to add to the conference'), '');
        if (number) {
            this._call('action_conference', [number]);
        }
    },
    _onTransfer: function (ev) {
        ev.preventDefault();
        var target = window.prompt(_t('Transfer to (agent number, queue or phone number)'), '');
        if (target) {
            this._call('action_transfer', [target]);
        }
    },
    _onPause: function (ev) {
        ev.preventDefault();
        var reason = window.prompt(_t('Reason for the pause'), _t('Busy'));
        if (reason !== null) {
            this._call('action_pause', [reason]);
        }
    },
    _onNotification: function (notifications) {
        var self = this;
        _.each(notifications, function (notification) {
            var channel = notification[0];
            var message = notification[1];
            if (_.isArray(channel) && channel[1] === 'hotline.cti.monitor' &&
                    message.type === 'help') {
                self.do_warn(_t('Help request'), message.message.body, true);
                return;
            }
            if (_.isArray(channel) && channel[1] === 'hotline.cti.monitor') {
                // MO-1, MO-2: open agent grids and queue monitors reload themselves
                core.bus.trigger('hotline_cti_monitor', message);
                return;
            }
            if (!_.isArray(channel) || channel[1] !== 'hotline.cti') {
                return;
            }
            if (message.agent && self.status &&
                    message.agent.server_time < self.status.server_time) {
                return;  // replayed by the bus after a page load: older than what we show
            }
            if (message.agent) {
                self.status = message.agent;
                self._render();
            }
            if (message.type === 'message') {
                self._showMessage(message.message);
            } else if (message.type === 'popup') {
                self._showPopup(message.call);
            } else if (message.type === 'abandoned') {
                self.$popup && self.$popup.remove();
            }
        });
    },
    _showPopup: function (call) {
        var self = this;
        if (this.$popup) {
            this.$popup.remove();
        }
        this.$popup = $(QWeb.render('hotline_cti.Popup', {call: call}));
        this.$popup.appendTo($('body'));
        this.$popup.find('.o_hotline_cti_popup_open').on('click', function (ev) {
            ev.preventDefault();
            self._openRequest(call);
        });
        this.$popup.find('.o_hotline_cti_popup_close').on('click', function (ev) {
            ev.preventDefault();
            self.$popup.remove();
        });
    },
    _openRequest: function (call) {
        var self = this;
        this.$popup.remove();
        if (call.ticket_id) {
            // a transferred call: open the request the colleague already registered
            return this.do_action({type: 'ir.actions.act_window', res_model: 'hotline.ticket',
                                   res_id: call.ticket_id, views: [[false, 'form']]});
        }
        this._rpc({model: 'hotline.cti.call', method: 'action_open_ticket_form', args: [[call.id]],
                   kwargs: {context: session.user_context}})
            .then(function (action) {
                if (call.partner_id) {
                    // the citizen's full record (profile, contacts, requests, calls) beside the form
                    window.open('/web#model=res.partner&view_type=form&id=' + call.partner_id,
                                'hotline_cti_citizen');
                }
                return self.do_action(action);
            });
    },
});

SystrayMenu.Items.push(CtiStatus);

var ListController = require('web.ListController');
ListController.include({
    init: function () {
        this._super.apply(this, arguments);
        if (this.modelName === 'hotline.cti.agent' || this.modelName === 'hotline.cti.queue') {
            core.bus.on('hotline_cti_monitor', this, _.throttle(function () {
                if (this.$el && this.$el.is(':visible')) {
                    this.reload();
                }
            }, 1000));
        }
    },
});

// Issue 16, NF-1: base_phone writes its click-to-dial button in English, untranslated
var FieldPhone = require('web.basic_fields').FieldPhone;
FieldPhone.include({
    _renderReadonly: function () {
        this._super.apply(this, arguments);
        this.$el.find('a.dial .label').text(_t('☎ Dial'));
    },
});

return CtiStatus;
});
