# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from odoo.addons.password_security.exceptions import PassError


class TestPasswordPolicy(SavepointCase):
    """Issue 9 hardening: the centre's password policy and the failed-login records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.env['res.users'].create({
            'name': '密码演练', 'login': 'policy_drill', 'password': 'Initial2026x',
            'groups_id': [(6, 0, [cls.env.ref('hotline_core.group_hotline_agent').id])]})

    def test_weak_passwords_refused(self):
        """Issue 9: too short, no capital, no digit — each refused with the policy's own
        message; a password that meets it is accepted."""
        for weak in ('Ab1', 'qingchuan2026', 'Qingchuanshi'):
            with self.assertRaises(PassError):
                self.user.write({'password': weak})
        self.user.write({'password': 'Qingchuan2026'})
        self.assertTrue(self.user.password_write_date)

    def test_reused_password_refused(self):
        """Issue 9: none of the last five passwords may come back."""
        self.user.write({'password': 'Qingchuan2026'})
        self.user.write({'password': 'Qingchuan2027'})
        with self.assertRaises(PassError):
            self.user.write({'password': 'Qingchuan2026'})

    def test_expiry(self):
        """Issue 9: passwords expire after 90 days in production; the demo company never
        expires them (the demo logins are password = login)."""
        company = self.user.company_id
        company.password_expiration = 90
        self.user.password_write_date = datetime.datetime.now() - datetime.timedelta(days=91)
        self.assertTrue(self.user._password_has_expired())
        self.user.password_write_date = datetime.datetime.now() - datetime.timedelta(days=89)
        self.assertFalse(self.user._password_has_expired())

    def test_failures_only_for_administrators(self):
        """NF-2: the failed-login records are the system administrator's: an agent or a
        supervisor cannot read them; refusal counts only failures inside the window."""
        Failure = self.env['hotline.login.failure']
        Failure._record('203.0.113.9', 'agent')
        with self.assertRaises(AccessError):
            Failure.sudo(self.env.ref('hotline_core.user_agent')).search([])
        with self.assertRaises(AccessError):
            Failure.sudo(self.env.ref('hotline_core.user_supervisor')).search([])
        self.env['ir.config_parameter'].set_param('hotline.login_max_by_ip_login', '2')
        self.assertFalse(Failure._refused('203.0.113.9', 'agent'))
        Failure._record('203.0.113.9', 'agent')
        self.assertTrue(Failure._refused('203.0.113.9', 'agent'))
        # failures older than the window no longer count
        self.env.cr.execute("UPDATE hotline_login_failure SET date = date - interval '2 hours' "
                            "WHERE remote = '203.0.113.9'")
        self.assertFalse(Failure._refused('203.0.113.9', 'agent'))
        self.env['ir.config_parameter'].set_param('hotline.login_failure_keep_days', '0')
        Failure._cron_purge()
        self.assertFalse(Failure.search([('remote', '=', '203.0.113.9')]))
