# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Issue 15 item 5 (NF-2): a unit clerk of another district (xicheng_handler) tried, over
XML-RPC, to follow a Dongcheng request and read its chatter, followers, activities and
attachments; the Dongcheng clerk, the agent and the dispatcher keep following, posting and
being notified."""
import base64

from ._attack_case import AttackCase


class TestAttackFollowers(AttackCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            dongcheng = env.ref('hotline_core.unit_district_dongcheng')
            xicheng = env.ref('hotline_core.unit_district_xicheng')
            tickets = env['hotline.ticket']
            self.own = tickets.search([('unit_ids', '=', xicheng.id)], limit=1)
            foreign = tickets.search([('unit_ids', 'child_of', dongcheng.id)]).filtered(
                lambda t: not (t.unit_ids & xicheng))[:1]
            self.assertTrue(self.own and foreign, 'demo data: a request of each district')
            self.foreign = foreign.id
            users = {login: env['res.users'].search([('login', '=', login)])
                     for login in ('xicheng_handler', 'unit_handler', 'agent', 'dispatcher')}
            self.partner = {login: user.partner_id.id for login, user in users.items()}
            note = env.ref('mail.mt_note')
            comment = env.ref('mail.mt_comment')
            # The Xicheng clerk followed this request once (an older dispatch; or what the
            # attack of create() left before the fix), notes included.
            env['mail.followers'].create({
                'res_model': 'hotline.ticket', 'res_id': foreign.id,
                'partner_id': self.partner['xicheng_handler'],
                'subtype_ids': [(6, 0, [note.id, comment.id])]})
            attachment = env['ir.attachment'].create({
                'name': '东城现场照片.txt', 'datas_fname': '东城现场照片.txt',
                'datas': base64.b64encode('东城机密附件'.encode()),
                'res_model': 'hotline.ticket', 'res_id': foreign.id})
            self.note = foreign.sudo(users['dispatcher']).message_post(
                body='东城内部意见：勿外传', subtype='mail.mt_note',
                attachment_ids=[attachment.id]).id
            self.attachment = attachment.id
            self.activity = env['mail.activity'].create({
                'res_model_id': env['ir.model']._get('hotline.ticket').id,
                'res_id': foreign.id, 'user_id': users['unit_handler'].id,
                'activity_type_id': env.ref('mail.mail_activity_data_todo').id,
                'summary': '东城待办'}).id
            self.followers = env['mail.followers'].search([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', foreign.id)]).ids
            self.internal_subtypes = [note.id, comment.id]

    def _follower_rows(self, partner):
        with self.server_env() as env:
            return env['mail.followers'].search([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign),
                ('partner_id', '=', partner)]).ids

    def test_other_district_cannot_make_himself_follower(self):
        """NF-2: as xicheng_handler, tried mail.followers.create on a Dongcheng request (with
        the internal-note subtype), moving his follower row of his own request onto it, and
        making a colleague follow it: each refused, no row written; message_subscribe says
        False as in Odoo."""
        call = self.rpc('xicheng_handler')
        with self.server_env() as env:
            env['mail.followers'].search([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign),
                ('partner_id', '=', self.partner['xicheng_handler'])]).unlink()
        self.assertRefused(call, 'mail.followers', 'create', {
            'res_model': 'hotline.ticket', 'res_id': self.foreign,
            'partner_id': self.partner['xicheng_handler'],
            'subtype_ids': [(6, 0, self.internal_subtypes)]})
        self.assertEqual(self._follower_rows(self.partner['xicheng_handler']), [])
        self.assertFalse(call('hotline.ticket', 'message_subscribe', [self.foreign],
                              partner_ids=[self.partner['xicheng_handler']]))
        # his own request: following it works; moving that row onto the other one does not
        self.assertTrue(call('hotline.ticket', 'message_subscribe', [self.own.id],
                             partner_ids=[self.partner['xicheng_handler']]))
        own_row = call('mail.followers', 'search', [
            ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.own.id),
            ('partner_id', '=', self.partner['xicheng_handler'])])
        self.assertEqual(len(own_row), 1)
        self.assertRefused(call, 'mail.followers', 'write', own_row, {'res_id': self.foreign})
        self.assertEqual(self._follower_rows(self.partner['xicheng_handler']), [])
        # a colleague (anybody else) onto a request he may not even read
        self.assertRefused(call, 'mail.followers', 'create', {
            'res_model': 'hotline.ticket', 'res_id': self.foreign,
            'partner_id': self.partner['agent']})
        self.assertRefused(call, 'mail.followers', 'unlink', self.followers)

    def test_other_district_cannot_move_activity_or_message_onto_request(self):
        """NF-2: as xicheng_handler (a follower of the Dongcheng request from before), tried
        to post on it with mail.message.create, and to move an activity of his own (on his own
        request) and a message he wrote there onto it by write(): all refused, nothing
        posted, both stay where they were."""
        call = self.rpc('xicheng_handler')
        with self.server_env() as env:
            model_id = env['ir.model']._get('hotline.ticket').id
            todo = env.ref('mail.mail_activity_data_todo').id
        self.assertRefused(call, 'mail.message', 'create', {
            'model': 'hotline.ticket', 'res_id': self.foreign, 'message_type': 'comment',
            'body': '西城冒充回复'})
        activity = call('mail.activity', 'create', {
            'res_model_id': model_id, 'res_id': self.own.id, 'user_id': call.uid,
            'activity_type_id': todo, 'summary': '西城自己的待办'})
        self.assertRefused(call, 'mail.activity', 'write', [activity], {'res_id': self.foreign})
        message = call('hotline.ticket', 'message_post', [self.own.id], body='西城的处理意见',
                       subtype='mail.mt_note')
        self.assertRefused(call, 'mail.message', 'write', [message], {'res_id': self.foreign})
        with self.server_env() as env:
            self.assertEqual(env['mail.activity'].browse(activity).res_id, self.own.id)
            self.assertEqual(env['mail.message'].browse(message).res_id, self.own.id)
            self.assertFalse(env['mail.message'].search([('body', 'like', '西城冒充回复')]))

    def test_other_district_reads_no_chatter_followers_activities(self):
        """NF-2: as xicheng_handler, once a follower and notified of an internal note of a
        Dongcheng request, tried to read it by id, search_read on mail.message by model and
        res_id, message_fetch, the needaction inbox, the note's attachment, the request's
        followers (search_read and read by id, and the web client's /mail/read_followers)
        and its activity: nothing comes back, reads by id are refused; no e-mail of the note
        was queued for him."""
        with self.server_env() as env:
            # Odoo marks the notification of each partner it e-mailed (the mail itself may
            # already be sent and gone)
            sent = env['mail.notification'].search([
                ('mail_message_id', '=', self.note), ('is_email', '=', True),
                ('res_partner_id', '=', self.partner['xicheng_handler'])])
            self.assertFalse(sent, 'NF-2: the note was e-mailed to the other district')
        call = self.rpc('xicheng_handler')
        on_request = [('model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)]
        self.assertRefused(call, 'mail.message', 'read', [self.note], ['body'])
        self.assertEqual(call('mail.message', 'search_read', on_request, fields=['body']), [])
        self.assertEqual(call('mail.message', 'message_fetch', on_request), [])
        inbox = call('mail.message', 'message_fetch', [('needaction', '=', True)])
        self.assertNotIn('东城内部意见', str(inbox))
        self.assertRefused(call, 'ir.attachment', 'read', [self.attachment], ['datas'])
        self.assertEqual(call('ir.attachment', 'search_read', [
            ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)],
            fields=['name']), [])
        self.assertEqual(call('mail.followers', 'search_read', [
            ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)],
            fields=['partner_id']), [])
        self.assertRefused(call, 'mail.followers', 'read', self.followers, ['partner_id'])
        self.assertEqual(call('mail.activity', 'search_read', [
            ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)],
            fields=['summary']), [])
        self.assertRefused(call, 'mail.activity', 'read', [self.activity], ['summary'])
        everything = call('mail.activity', 'search_read', [], fields=['summary'])
        self.assertNotIn('东城待办', str(everything))
        # the web client's follower widget (/mail/read_followers) read the rows as superuser
        # and checked the rules of whatever model the caller named
        for model in ('hotline.category', 'hotline.ticket'):
            answer = self.json_call('xicheng_handler', '/mail/read_followers', {
                'follower_ids': self.followers, 'res_model': model})
            self.assertIn('error', answer, model)
            self.assertNotIn('followers', str(answer.get('result')))
        # his own request's chatter is still his
        own = call('mail.message', 'message_fetch', [
            ('model', '=', 'hotline.ticket'), ('res_id', '=', self.own.id)])
        self.assertTrue(own)

    def test_centre_and_units_keep_following_and_posting(self):
        """NF-2, TK-9: the Dongcheng clerk follows his request (subscribe and a follower row
        of his own), reads its followers, activity and notes and posts a handling note; the
        agent and the dispatcher follow it and add the clerk as follower; the clerk is
        notified of the dispatcher's note and reads it."""
        clerk = self.rpc('unit_handler')
        self.assertTrue(clerk('hotline.ticket', 'message_subscribe', [self.foreign],
                              partner_ids=[self.partner['unit_handler']]))
        on_request = [('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)]
        followers = clerk('mail.followers', 'search_read', on_request, fields=['partner_id'])
        self.assertIn(self.partner['unit_handler'], [f['partner_id'][0] for f in followers])
        activities = clerk('mail.activity', 'search_read', on_request, fields=['summary'])
        self.assertIn('东城待办', str(activities))
        messages = clerk('mail.message', 'message_fetch', [
            ('model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)])
        self.assertIn('东城内部意见', str(messages))
        self.assertTrue(clerk('mail.message', 'read', [self.note], ['body']))
        self.assertTrue(clerk('ir.attachment', 'read', [self.attachment], ['name']))
        posted = clerk('hotline.ticket', 'message_post', [self.foreign],
                       body='东城已到现场处理', subtype='mail.mt_note')
        self.assertTrue(posted)
        # the dispatcher (centre) subscribes the clerk to the notes: others need write
        # access, which the centre has
        dispatcher = self.rpc('dispatcher')
        self.assertTrue(dispatcher('hotline.ticket', 'message_subscribe', [self.foreign],
                                   partner_ids=[self.partner['unit_handler']],
                                   subtype_ids=self.internal_subtypes))
        agent = self.rpc('agent')
        self.assertTrue(agent('hotline.ticket', 'message_subscribe', [self.foreign],
                              partner_ids=[self.partner['agent']]))
        self.assertTrue(agent('mail.followers', 'search_read', on_request, fields=['id']))
        dispatcher('hotline.ticket', 'message_post', [self.foreign],
                   body='请东城三日内回复', subtype='mail.mt_note')
        with self.server_env() as env:
            note = env['mail.message'].search([
                ('model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)], limit=1)
            self.assertEqual(note.body, '<p>请东城三日内回复</p>')
            self.assertIn(self.partner['unit_handler'], note.needaction_partner_ids.ids,
                          'the clerk following the request is notified')
        self.assertIn('请东城三日内回复', str(clerk('mail.message', 'message_fetch', [
            ('model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign)])))
        # his own follower row, created directly, on a request he reads
        with self.server_env() as env:
            env['mail.followers'].search([
                ('res_model', '=', 'hotline.ticket'), ('res_id', '=', self.foreign),
                ('partner_id', '=', self.partner['unit_handler'])]).unlink()
        self.assertTrue(clerk('mail.followers', 'create', {
            'res_model': 'hotline.ticket', 'res_id': self.foreign,
            'partner_id': self.partner['unit_handler']}))
