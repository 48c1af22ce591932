# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .common import KbCase


class TestAnnouncement(KbCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_notice = cls.env['hotline.announcement.type'].create({'name': '测试通知'})

    def _announcement(self, **vals):
        values = {'name': '春节值班安排', 'announcement_type_id': self.type_notice.id,
                  'body': '<p>春节期间全员轮班。</p>'}
        values.update(vals)
        return self.env['hotline.announcement'].sudo(self.agent).create(values)

    def _inbox(self, user):
        return self.env['hotline.announcement.recipient'].sudo(user).search(
            [('user_id', '=', user.id), ('is_deleted', '=', False)])

    def test_review_then_publish_to_units_and_roles(self):
        """AN-1, AN-2: an agent's announcement waits for review; a team leader publishes it; it
        reaches the chosen role and the users of the chosen unit and its sub-units, not
        others."""
        announcement = self._announcement(
            unit_ids=[(6, 0, [self.district_a.id])],
            group_ids=[(6, 0, [self.env.ref('hotline_core.group_hotline_dispatcher').id])])
        announcement.action_submit()
        self.assertEqual(announcement.state, 'pending')
        with self.assertRaises(AccessError):
            announcement.action_publish()  # the author is no reviewer
        announcement.sudo(self.leader).action_publish()
        self.assertEqual(announcement.state, 'published')
        recipients = announcement.sudo().recipient_ids.mapped('user_id')
        self.assertIn(self.unit_a_user, recipients)
        self.assertIn(self.street_a_user, recipients)  # sub-unit of 甲区
        self.assertIn(self.dispatcher, recipients)
        self.assertNotIn(self.unit_b_user, recipients)
        self.assertEqual(len(self._inbox(self.unit_a_user)), 1)
        self.assertFalse(self._inbox(self.unit_b_user))
        with self.assertRaises(AccessError):
            announcement.sudo(self.unit_b_user).read(['name'])

    def test_read_status_per_recipient_and_unread_reminder(self):
        """AN-1, AN-2: each recipient has an unread copy and a Discuss notification (the
        counter shown at login); reading it marks it read for that recipient only, with the
        time, clears the notification, and is logged."""
        announcement = self._announcement(user_ids=[(6, 0, [self.unit_a_user.id,
                                                            self.unit_b_user.id])])
        announcement.sudo(self.leader).action_publish()
        partner_a = self.unit_a_user.partner_id
        self.assertEqual(self.env['mail.notification'].search_count([
            ('res_partner_id', '=', partner_a.id), ('is_read', '=', False),
            ('mail_message_id.res_id', '=', announcement.id)]), 1)
        copy_a = self._inbox(self.unit_a_user)
        copy_a.action_read()
        self.assertTrue(copy_a.is_read)
        self.assertTrue(copy_a.date_read)
        self.assertEqual(announcement.read_count, 1)
        self.assertEqual(announcement.recipient_count, 2)
        status = {r.user_id: r.is_read for r in announcement.sudo().recipient_ids}
        self.assertEqual(status, {self.unit_a_user: True, self.unit_b_user: False})
        self.assertEqual(self.env['mail.notification'].search_count([
            ('res_partner_id', '=', partner_a.id), ('is_read', '=', False),
            ('mail_message_id.res_id', '=', announcement.id)]), 0)
        log = announcement.sudo().log_ids.mapped(lambda l: (l.action, l.user_id))
        self.assertIn(('read', self.unit_a_user), log)
        self.assertIn(('publish', self.leader), log)
        with self.assertRaises(AccessError):
            self._inbox(self.unit_b_user).sudo(self.unit_a_user).action_read()

    def test_reply_reply_all_forward_favourite_delete(self):
        """AN-1: from the inbox a recipient replies to the author, replies to all, forwards,
        marks a favourite and deletes; deleting is logged and hides it from the inbox only."""
        announcement = self._announcement(user_ids=[(6, 0, [self.unit_a_user.id,
                                                            self.unit_b_user.id])])
        announcement.sudo(self.leader).action_publish()
        copy_a = self._inbox(self.unit_a_user)
        Announcement = self.env['hotline.announcement'].sudo()
        reply = Announcement.browse(copy_a.action_reply()['res_id'])
        self.assertEqual(reply.user_ids, self.agent)
        self.assertIn(reply.name, ('回复：春节值班安排', 'Re: 春节值班安排'))
        self.assertEqual(reply.author_id, self.unit_a_user)
        reply_all = Announcement.browse(copy_a.action_reply_all()['res_id'])
        self.assertEqual(reply_all.user_ids, self.agent | self.unit_b_user)
        forward = Announcement.browse(copy_a.action_forward()['res_id'])
        self.assertFalse(forward.user_ids)
        self.assertIn('春节期间全员轮班', forward.body)
        copy_a.action_toggle_favorite()
        self.assertTrue(copy_a.is_favorite)
        copy_a.action_delete()
        self.assertFalse(self._inbox(self.unit_a_user))
        self.assertTrue(self._inbox(self.unit_b_user))
        self.assertIn('delete', announcement.sudo().log_ids.mapped('action'))

    def test_published_announcement_is_frozen_and_edits_logged(self):
        """AN-2: editing a draft is logged; a published announcement can be neither changed
        nor deleted."""
        announcement = self._announcement(user_ids=[(6, 0, [self.unit_a_user.id])])
        announcement.write({'body': '<p>改为两班倒。</p>'})
        self.assertIn('edit', announcement.sudo().log_ids.mapped('action'))
        announcement.sudo(self.leader).action_publish()
        with self.assertRaises(UserError):
            announcement.sudo(self.leader).write({'name': '改标题'})
        with self.assertRaises(UserError):
            announcement.sudo(self.leader).unlink()

    def test_submit_without_recipient_refused(self):
        """AN-2: an announcement without recipients cannot be submitted."""
        with self.assertRaisesRegex(UserError, 'recipient|收件人'):
            self._announcement().action_submit()
