# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2 (issue 15, item 3): mail templates rewritten by a clerk, and the public
``render_template`` called with the attacker's own text, over XML-RPC; every template the
installed modules ship still renders exactly as in Odoo's own sandbox."""
import xmlrpc.client

from odoo.tests.common import SavepointCase

from odoo.addons.mail.models.mail_template import MailTemplate as OdooMailTemplate

from . import web_attack_case

FIELDS = ('subject', 'body_html', 'email_from', 'email_to', 'email_cc', 'partner_to',
          'reply_to', 'lang', 'report_name', 'scheduled_date')
PARAM = "'ir.config_parameter'"
PAYLOADS = (
    "${object.env[%s].sudo().get_param('database.secret')}" % PARAM,
    "${user.env[%s].sudo().get_param('database.secret')}" % PARAM,
    "${user.sudo().env[%s].get_param('database.secret')}" % PARAM,
    "${(object|attr('env'))[%s].sudo().get_param('database.secret')}" % PARAM,
    "${object['env'][%s].sudo().get_param('database.secret')}" % PARAM,
    "${object.with_env(object.env(user=1)).env[%s].get_param('database.secret')}" % PARAM,
    "${object.sudo().env[%s].get_param('database.secret')}" % PARAM,
    "% set p = object.env[" + PARAM + "].sudo()\n${p.get_param('database.secret')}",
    "${object.pool[%s]}" % PARAM,
    "${object._cr}",
    "${object.env[%s].get_param('database.secret')}" % PARAM,
    "${object.env(user=1)[%s].get_param('database.secret')}" % PARAM,
    "${object.env.args[0]}",
    "${object.env.cr}",
    "${object.env.all}",
)


class TestAttackMailTemplate(web_attack_case.WebAttackCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            self.secret = env['ir.config_parameter'].get_param('database.secret')
            self.template = env['mail.template'].create({
                'name': '演练模板', 'model_id': env.ref('base.model_res_partner').id,
                'email_to': '${object.email|safe}', 'subject': '通知',
                'body_html': '<p>您好 ${object.name}</p>'})
            self.template_id = self.template.id
            self.before = self.template.read(['body_html', 'email_cc', 'email_to'])

    def test_unit_handler_cannot_rewrite_templates(self):
        """NF-2 (attack, issue 15 item 3): tried as unit_handler over XML-RPC to rewrite a
        template's body to print the configuration and to copy it to himself (cc), to create
        a template and to delete one: all refused, the template unchanged. He still reads
        templates (the composer lists them)."""
        body = "<p>${object.env['ir.config_parameter'].sudo().get_param('database.secret')}</p>"
        self.assertRefused('unit_handler', 'mail.template', 'write',
                           [[self.template_id], {'body_html': body}])
        self.assertRefused('unit_handler', 'mail.template', 'write',
                           [[self.template_id], {'email_cc': 'attacker@example.com'}])
        self.assertRefused('unit_handler', 'mail.template', 'create', [{
            'name': 'x', 'model_id': 1, 'body_html': body}])
        self.assertRefused('unit_handler', 'mail.template', 'unlink', [[self.template_id]])
        with self.server_env() as env:
            self.assertEqual(env['mail.template'].browse(self.template_id).read(
                ['body_html', 'email_cc', 'email_to']), self.before)
        names = self.rpc('unit_handler', 'mail.template', 'search_read',
                         [[('id', '=', self.template_id)]], {'fields': ['name']})
        self.assertEqual([n['name'] for n in names], ['演练模板'])

    def test_render_template_over_rpc_stays_in_the_callers_rights(self):
        """NF-2 (attack, issue 15 item 3): tried as unit_handler and as the demo citizen to
        call mail.template.render_template over XML-RPC with text of their own, on their own
        partner, that reaches the configuration through env, sudo, with_env, attr, [...], the
        registry and the cursor, and by calling the environment as another user: never the
        secret in the answer (refused, or empty); ordinary fields still render."""
        for login in ('unit_handler', 'citizen'):
            uid = self.uid_of(login)
            with self.server_env() as env:
                partner = env['res.users'].browse(uid).partner_id
                partner_id, name = partner.id, partner.name
            for payload in PAYLOADS:
                try:
                    answer = self.rpc(login, 'mail.template', 'render_template',
                                      [payload, 'res.partner', partner_id])
                except xmlrpc.client.Fault as refused:
                    answer = refused.faultString
                self.assertNotIn(self.secret, str(answer), '%s: %s' % (login, payload))
            answer = self.rpc(login, 'mail.template', 'render_template',
                              ['${object.name}', 'res.partner', partner_id])
            self.assertEqual(answer, name)


class TestShippedTemplatesRender(SavepointCase):
    """NF-2 (issue 15 item 3): the stricter sandbox breaks no template of the database."""

    def test_every_installed_template_renders_as_before(self):
        """NF-2: every mail.template in the database (those of Odoo, the OCA and the hotline,
        enumerated), each of its fields, on a record of its model: the hotline's sandbox
        renders what Odoo's renders, and no template fails."""
        templates = self.env['mail.template'].search([])
        self.assertGreater(len(templates), 5)
        rendered = 0
        for template in templates:
            record = self.env[template.model].search([], limit=1) \
                if template.model in self.env else None
            if not record:
                continue
            for field in FIELDS:
                text = template[field]
                if not text:
                    continue
                ours = template.render_template(text, template.model, [record.id])
                odoos = OdooMailTemplate.render_template(
                    template, text, template.model, [record.id])
                self.assertEqual(ours, odoos, '%s.%s' % (template.name, field))
                rendered += 1
        self.assertGreater(rendered, 20)
