"""Issue 16, NF-1: a walk through every form view of every hotline model in the browser.

The list comes from the system, not from a hand-written list, so a new form or button is
covered without anyone remembering it:
- the forms: the primary ``ir.ui.view`` records of type form of the ``hotline.*`` models
  (wizards — transient models — are reached through the buttons that open them);
- the user who opens each: the first of ``ROLES`` whose menus lead to the model (an action
  of a menu visible to them has it as ``res_model``), else the first who may read it;
- the buttons: those of type object/action in the form's arch as that user gets it
  (``fields_view_get``: buttons of groups he is not in are hidden). Odoo 11 renders a
  header or stat button without its name: a header button is found by its label in the
  status bar, a stat button by the field it shows; a button of the sheet by its name.

Each form is opened new (when the user may create) and on an existing record (the first
the user can see); on the existing record every listed button shown in its state is
clicked, then the form is opened again. The walk fails on any error dialog (crash manager,
warning) except a refusal (a warning dialog) whose message is Chinese and says why, and on
any English word a Chinese user can see on these screens (menus, labels, buttons, tabs,
list headers, statusbar, chatter, dialog titles), except the words of ``ALLOWED``. What it
reads is chrome, not data: a field's value is the user's data, and so is the record's name
at the end of the breadcrumb (a call's PBX id, a gateway's name) — unless the model names
its records by a selection field, whose labels are the product's words.

It cannot pass on nothing: every form with a record is walked (a form whose user sees no
record is still seen new, and those are at most a quarter of the forms), and every button
the view shows unconditionally to that user (no ``invisible``/``states`` on it or on what
holds it, not on a hidden tab nor in an embedded list) must be on the screen and is clicked.

A record is opened through its URL, as a link to it does; a new record through the web
client's own ``do_action``, as 创建 does. The browser's requests use ``registry.test_cr``,
rolled back at the end.
"""
import json
import time
import unittest

import browser  # tests/browser.py
import desk_ui  # tests/desk_ui.py
from lxml import etree

from odoo import api

try:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover
    By = None

ROLES = ['agent', 'unit_handler', 'dispatcher', 'office_leader', 'supervisor', 'kb_admin',
         'leader', 'admin']
# what a user reads on a form: chrome, not data (the breadcrumb: see _breadcrumb_words)
UI_TEXT_SELECTORS = (
    '.oe_secondary_menu > li > a', '.o_form_view .o_form_label', '.o_form_view label',
    '.o_form_view button', '.o_form_view .nav-tabs a', '.o_form_view thead th',
    '.o_form_view .o_horizontal_separator', '.o_form_view .o_statusbar_status',
    '.o_form_view .alert', '.o_form_view .oe_button_box', '.o_form_view select option',
    '.o_chatter .o_chatter_topbar',
    '.o_control_panel button', '.modal-title', '.modal-footer button',
    '.modal .o_form_label', '.modal label')

# the texts a person sees for the selectors given: rendered text of the visible elements,
# options of visible lists, placeholders of visible inputs of the form
SCREEN_TEXTS_JS = """
function shown(el) {
    if (el.tagName === 'OPTION') { el = el.closest('select'); }
    return !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length)
              && window.getComputedStyle(el).visibility !== 'hidden');
}
var texts = [];
arguments[0].forEach(function (selector) {
    document.querySelectorAll(selector).forEach(function (el) {
        if (shown(el)) { texts.push(el.tagName === 'OPTION' ? el.textContent : el.innerText); }
    });
});
document.querySelectorAll('.o_form_view input[placeholder], .o_form_view textarea[placeholder]')
    .forEach(function (el) { if (shown(el)) { texts.push(el.getAttribute('placeholder')); } });
return texts;
"""


@unittest.skipUnless(browser.AVAILABLE, 'needs selenium, chromium and chromium-driver')
class TestUiWalkForms(desk_ui.DeskCase):

    # ------------------------------------------------------------------ the system's lists
    def _forms(self):
        views = self.env['ir.ui.view'].search([
            ('type', '=', 'form'), ('model', '=like', 'hotline.%'), ('inherit_id', '=', False),
            ('mode', '=', 'primary')], order='model, priority, id')
        return [v for v in views if v.model in self.env
                and not self.env[v.model]._transient]

    def _user(self, login):
        return self.env['res.users'].search([('login', '=', login)], limit=1)

    def _role_for(self, model):
        """The first role whose visible menus lead to ``model``, else the first who may
        read it."""
        readers = []
        for login in ROLES:
            user = self._user(login)
            if not user:
                continue
            env = api.Environment(self.env.cr, user.id, {})
            if not env[model].check_access_rights('read', raise_exception=False):
                continue
            readers.append(user)
            menus = env['ir.ui.menu'].browse(env['ir.ui.menu']._visible_menu_ids())
            for menu in menus.filtered('action'):
                action = menu.action
                if action._name == 'ir.actions.act_window' and action.res_model == model:
                    return user
        return readers[0] if readers else None

    def _buttons(self, user, view):
        """(name, label, where, fields, always shown) of the object/action buttons of
        ``view`` as ``user`` gets it. ``where``: 'header', 'box' (the stat buttons) or
        'sheet'; ``fields``: the fields a stat button shows. Always shown: neither the
        button nor what holds it has an ``invisible`` modifier (``states`` and ``groups``
        become one), it is not on a tab other than the first nor in an embedded list."""
        env = api.Environment(self.env.cr, user.id, {'lang': 'zh_CN'})
        arch = env[view.model].fields_view_get(view_id=view.id, view_type='form')['arch']
        buttons = []
        for b in etree.fromstring(arch).iter('button'):
            if b.get('type') not in ('object', 'action') or not b.get('name'):
                continue
            always, where = True, 'sheet'
            for node in [b] + list(b.iterancestors()):
                if json.loads(node.get('modifiers') or '{}').get('invisible'):
                    always = False
                if node.tag == 'page' and node.getprevious() is not None:
                    always = False
                if node.tag in ('tree', 'kanban'):  # a button of an embedded list's rows
                    always = False
                if node.tag == 'header':
                    where = 'header'
                if 'oe_button_box' in (node.get('class') or '').split():
                    where = 'box'
            label = b.get('string') or ''.join(b.itertext()).strip()
            fields = [f.get('name') for f in b.iter('field')]
            buttons.append((b.get('name'), label, where, fields, always))
        return buttons

    def _shown(self, name, label, where, fields):
        """The button's elements on screen. Odoo 11 renders a header or stat button
        without its name: a header button is found by its label in the status bar, a stat
        button by the field it shows (else its label) — opening the button box's 更多
        (More) first when it is folded into it; a button of the sheet by its name."""
        if where == 'header':
            return [b for b in self.visible('.o_form_view .o_statusbar_buttons > button')
                    if (b.get_attribute('textContent') or '').strip() == label]
        if where == 'sheet':
            return self.visible('.o_form_view button[name="%s"]' % name)
        found = []
        for button in self.driver.find_elements(
                By.CSS_SELECTOR, '.o_form_view .oe_button_box button.oe_stat_button'):
            if fields:
                if button.find_elements(By.CSS_SELECTOR,
                                        '.o_field_widget[name="%s"]' % fields[0]):
                    found.append(button)
            elif (button.get_attribute('textContent') or '').strip() == label:
                found.append(button)
        folded = [b for b in found if b.find_elements(
            By.XPATH, './ancestor::ul[contains(@class, "o_dropdown_more")]')]
        if folded and not [b for b in found if b.is_displayed()]:
            for more in self.visible('.o_form_view .oe_button_box .o_button_more'):
                more.click()
                break
        return [b for b in found if b.is_displayed()]

    def _record_names(self):
        """The names of the records the breadcrumb may show (the walked one, the one
        on screen): data, unless the model names its records by a selection field, whose
        labels are the product's words."""
        names = set()
        hashes = [self.driver.execute_script('return window.location.hash') or '']
        hashes += ['#model=%s&id=%s' % walked for walked in [getattr(self, '_walked', None)]
                   if walked]
        for fragment in hashes:
            params = dict(p.split('=', 1) for p in fragment.lstrip('#').split('&') if '=' in p)
            model, res_id = params.get('model'), params.get('id', '')
            if model not in self.env or not res_id.isdigit():
                continue
            Model = self.env[model].sudo().with_context(lang='zh_CN')
            field = Model._fields.get(Model._rec_name or '')
            if field and field.type == 'selection':
                continue
            record = Model.browse(int(res_id)).exists()
            names |= {name for _id, name in record.name_get()}
        return names

    def _breadcrumb_words(self):
        words = set()
        names = None
        for text in self.texts('.o_control_panel .breadcrumb li'):
            words_here = desk_ui.latin_words(text)
            if words_here:
                names = self._record_names() if names is None else names
                if text not in names:
                    words |= words_here
        return words

    # ------------------------------------------------------------------ browser
    def _creatable(self, Model, view):
        arch = etree.fromstring(view.read_combined(['arch'])['arch'])
        return (arch.get('create') not in ('false', '0')
                and Model.check_access_rights('create', raise_exception=False))

    def _open(self, view, res_id):
        """Open the record in this form view, with a fresh page: through its URL, as a link
        to it does (``#model=…&id=…&view_id=…``); a new record (no ``res_id``: Odoo 11's
        URLs open none) through the web client's ``do_action``, as 创建 does."""
        self._opened = getattr(self, '_opened', 0) + 1
        self._walked = (view.model, res_id) if res_id else None
        if res_id:
            self.driver.get('%s/web?walk=%d#model=%s&id=%d&view_id=%d' % (
                self.base, self._opened, view.model, res_id, view.id))
        else:
            self.driver.get('%s/web?walk=%d' % (self.base, self._opened))
            self.wait_for(lambda: self.driver.execute_script(
                "return !!(window.odoo && odoo.__DEBUG__.services['web.web_client'] "
                "&& document.querySelector('.o_control_panel .breadcrumb li'))"),
                'the web client did not show its home action')  # else it would replace ours
            self.wait_idle()
            self.driver.execute_script(
                "odoo.__DEBUG__.services['web.web_client'].do_action({"
                "type: 'ir.actions.act_window', res_model: arguments[0], "
                "views: [[arguments[1], 'form']], target: 'current'});",
                view.model, view.id)
        self.wait_for(lambda: self.visible('.o_form_view') or self.errors(),
                      'the form of %s (view %s) did not open' % (view.model, view.xml_id))
        self.wait_idle()

    def _ui_words(self):
        """The Latin words of the chrome on screen: the visible elements of
        ``UI_TEXT_SELECTORS`` (an option when its list is visible) and the placeholders
        of visible inputs, read in one script (hundreds of options would otherwise cost a
        WebDriver round trip each)."""
        words = self._breadcrumb_words()
        texts = self.driver.execute_script(SCREEN_TEXTS_JS, list(UI_TEXT_SELECTORS))
        for text in texts:
            words |= desk_ui.latin_words(text)
        return words

    def _check_screen(self, where, problems, english):
        for error in self.errors():
            problems.append('%s: error dialog:\n%s' % (where, error[:600]))
        words = self._ui_words()
        if words:
            english.setdefault(where, set()).update(words)

    def _close_dialogs(self):
        for _attempt in range(3):
            closers = self.visible('.modal .modal-header .close, .modal-footer .btn-default, '
                                   '.modal-footer .o_form_button_cancel')
            if not closers:
                return
            try:
                closers[-1].click()
            except WebDriverException:
                pass
            self.wait_idle()

    def _refusal(self, where, problems):
        """A warning dialog is a refusal: fine when its message is Chinese (no English
        word) and is a sentence; anything else is a problem. Returns True if one showed."""
        dialogs = self.visible('.modal .o_dialog_warning')
        if not dialogs:
            return False
        text = dialogs[0].text
        if desk_ui.latin_words(text) or len(text.strip()) < 4:
            problems.append('%s: refusal not in Chinese: %s' % (where, text[:300]))
        self._close_dialogs()
        return True

    def test_walk_every_form_and_button(self):
        """NF-1, issue 16: every hotline form (new and existing record) and every button
        and wizard reachable from it opens without an error dialog and shows no English
        word outside the allow-list."""
        problems, english, walked, clicked, without_records = [], {}, [], 0, []
        expected, unreadable, clicked_shots = 0, 0, []
        started = time.time()
        current_login = None
        for view in self._forms():
            user = self._role_for(view.model)
            if not user:
                problems.append('%s: no role may read it' % view.model)
                unreadable += 1
                continue
            if user.login != current_login:
                self.driver.delete_all_cookies()
                self.login(user.login)
                current_login = user.login
            env = api.Environment(self.env.cr, user.id, {})
            Model = env[view.model]
            where = '%s (%s as %s)' % (view.model, view.xml_id, user.login)
            record = Model.search([], limit=1)
            if not record:
                without_records.append(where)
                if self._creatable(Model, view):  # still seen new, as 创建 opens it
                    self._open(view, None)
                    self.wait_css('.o_form_view.o_form_editable')
                    self._check_screen(where + ' new', problems, english)
                    walked.append(where + ' new')
                continue
            self._open(view, record.id)
            self.shot('walk_form_%s.png' % view.model.replace('.', '_'))
            self._check_screen(where + ' #%d' % record.id, problems, english)
            walked.append(where + ' #%d' % record.id)
            create = self.visible('.o_form_button_create')
            if create and self._creatable(Model, view):
                create[0].click()  # 创建: the same form, new record
                self.wait_idle()
                self.wait_css('.o_form_view.o_form_editable')
                self._check_screen(where + ' new', problems, english)
                walked.append(where + ' new')
                self._open(view, record.id)
            before = self.driver.execute_script('return window.location.hash')
            for name, label, place, fields, always in self._buttons(user, view):
                shown = self._shown(name, label, place, fields)
                if always:
                    expected += 1
                if not shown:
                    if always:
                        problems.append('%s: button %s "%s" is shown to %s unconditionally '
                                        'by the view but is not on the screen' % (
                                            where, name, label, user.login))
                    continue
                try:
                    shown[0].click()
                except WebDriverException as error:
                    problems.append('%s: button %s (%s) cannot be clicked: %s' % (
                        where, name, label, error.msg))
                    self._open(view, record.id)
                    continue
                clicked += 1
                self.wait_idle()
                here = '%s button %s "%s"' % (where, name, label)
                for confirm in self.visible('.modal-footer .btn-primary'):
                    if self.visible('.modal .modal-body') and not self.visible(
                            '.modal .o_form_view') and not self.errors():
                        confirm.click()  # the button's confirm= question
                        self.wait_idle()
                    break
                if len(clicked_shots) < 12 and self.visible('.modal .o_form_view'):
                    clicked_shots.append(self.shot('walk_%02d_%s.png' % (
                        len(clicked_shots), name.replace('%', '').replace('(', '')[:40])))
                moved = self.visible('.modal') or self.errors() or (
                    self.driver.execute_script('return window.location.hash') != before)
                if not self._refusal(here, problems):
                    self._check_screen(here, problems, english)
                self._close_dialogs()
                if moved:
                    self._open(view, record.id)
                before = self.driver.execute_script('return window.location.hash')
        forms_with_records = len(self._forms()) - len(without_records) - unreadable
        report = ['%d screens of %d forms with a record, %d buttons clicked (%d shown '
                  'unconditionally) in %.0fs; no record to open: %s' % (
                      len(walked), forms_with_records, clicked, expected,
                      time.time() - started, ', '.join(without_records))]
        report += problems
        report += ['%s: English: %s' % (where, ', '.join(sorted(words)))
                   for where, words in sorted(english.items())]
        # it walked what the system has: each form with a record, each button it must show
        existing = [w for w in walked if not w.endswith(' new')]
        forms = len(self._forms())
        self.assertEqual(len(existing), forms_with_records, '\n'.join(report))
        self.assertLessEqual(len(without_records) * 4, forms,
                             'the demo data leaves more than a quarter of the forms without '
                             'a record to open:\n' + '\n'.join(report))
        self.assertGreater(expected, 0, '\n'.join(report))
        self.assertGreaterEqual(clicked, expected, '\n'.join(report))
        print('\n'.join(report))
        self.assertFalse(problems or english, '\n'.join(report))
