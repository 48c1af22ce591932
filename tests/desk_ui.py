"""Driving the back end in headless Chromium as a person does (issue 16): log in at
/web/login, click menus, fields and buttons, wait for the web client, read the screen.

Import the module (``import desk_ui``), not the class, so that pytest does not collect it.
The browser's requests use ``registry.test_cr`` (see tests/live.py): read what they wrote with
``server_query`` while no request runs.
"""
import re
import time

import browser  # tests/browser.py
import live  # tests/live.py

try:
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys  # noqa: F401 (desk_ui.Keys for tests)
    from selenium.webdriver.support.ui import Select
except ImportError:  # pragma: no cover
    By = None

# What the web client shows when something went wrong: Odoo 11's crash manager and warning
# dialogs (ValidationError, UserError, AccessError), and its "invalid fields" notification.
ERROR_SELECTORS = ('.modal .o_dialog_warning', '.modal .o_error_detail',
                   '.o_notification.o_error')

# Latin words a Chinese user may see: the hotline's number is part of its name; "Excel" and
# "SMS"/"App"/"PBX" are the names users know these things by; "ID" in 纳税人识别号-like
# codes' labels (OpenID of WeChat is a technical field, not shown). "Kannel" is the name of
# the SMS gateway software the centre runs (a proper noun, like Excel: its admins know it by
# that name and it has no Chinese one).
ALLOWED = {'12345', 'Excel', 'ID', 'App', 'APP', 'SMS', 'CSV', 'PBX', 'VIP', 'IVR', 'API',
           'URL', 'Token', 'AES', 'AMI', 'Kannel'}
WORD_RE = re.compile(r'[A-Za-z][A-Za-z\'-]+')


def latin_words(text):
    """The English words of ``text`` not in ``ALLOWED``."""
    return {w for w in WORD_RE.findall(text or '') if w not in ALLOWED}


class DeskCase(browser.BrowserCase, live.LiveServerCase):
    """A live-server test with one Chromium and the helpers of a person at the back end."""

    window = '1400,1000'

    def setUp(self):
        super().setUp()
        self.start_browser(size=self.window)

    def visible(self, selector, root=None):
        root = root or self.driver
        found = []
        for element in root.find_elements(By.CSS_SELECTOR, selector):
            try:
                if element.is_displayed():
                    found.append(element)
            except StaleElementReferenceException:
                pass
        return found

    def texts(self, selector, root=None):
        """The texts of the visible elements matching ``selector`` (re-read if the web client
        re-renders them meanwhile)."""
        for _attempt in range(5):
            try:
                return [e.text.strip() for e in self.visible(selector, root)]
            except StaleElementReferenceException:
                time.sleep(0.05)
        return []

    def errors(self):
        """The text of every error the screen shows now (dialogs and notifications)."""
        texts = []
        for selector in ERROR_SELECTORS:
            for element in self.visible(selector):
                dialog = element
                try:
                    dialog = element.find_element(By.XPATH, './ancestor::div[@class and '
                                                  'contains(@class, "modal-content")]')
                except WebDriverException:
                    pass
                texts.append(dialog.text)
        return texts

    def assert_no_error(self, where):
        errors = self.errors()
        if errors:
            self.shot('error-%s.png' % self.failure_name())
        self.assertFalse(errors, '%s: the screen shows an error:\n%s' % (
            where, '\n---\n'.join(errors)))

    # ------------------------------------------------------------------ person
    def open_app(self, name):
        """Open an application from web_responsive's app drawer, as a person does (when it
        is not the one on screen already)."""
        self.wait_for(lambda: self.visible('.oe_secondary_menu .app-name, .o_action_manager > *'),
                      'the web client started')
        if [a for a in self.visible('.oe_secondary_menu .app-name') if a.text.strip() == name]:
            return
        self.wait_for(lambda: self.visible('a.app-drawer-toggle'),
                      'the app drawer button')[0].click()
        app = self.wait_for(lambda: [a for a in self.visible('#odooAppDrawer a[data-menu]')
                                     if name in a.get_attribute('textContent')],
                            'the application %r in the app drawer' % name)
        app[0].click()
        self.wait_for(lambda: not self.visible('#odooAppDrawer a[data-menu]'),
                      'the app drawer closing')
        self.wait_idle()

    def menu_link(self, *path):
        """The link of a menu entry of the current application, by its visible names."""
        top = self.wait_for(
            lambda: [a for a in self.visible('.oe_secondary_menu > li > a, '
                                             '.oe_secondary_menu > li > ul > li > a')
                     if a.text.strip() == path[0]],
            'the menu %r' % path[0])[0]
        if len(path) == 1:
            return top
        if 'open' not in (top.find_element(By.XPATH, '..').get_attribute('class') or ''):
            top.click()
        return self.wait_for(
            lambda: [a for a in self.visible('.oe_secondary_menu .dropdown-menu a[data-menu]')
                     if a.text.strip().split('\n')[0].strip() == path[-1]],
            'the menu entry %r under %r' % (path[-1], path[0]))[0]

    def click_menu_id(self, menu_id):
        """Click the menu entry ``menu_id`` (ir.ui.menu id) in the top bar: open the
        drop-down that holds it first, as a person does."""
        selector = '.oe_secondary_menu a[data-menu="%d"]' % menu_id
        link = self.wait_css(selector, visible=False)
        if not link.is_displayed():
            toggle = link.find_element(By.XPATH, './ancestor::li[contains(@class, "dropdown") '
                                                 'or .//a[@data-toggle]][last()]/a')
            toggle.click()
            self.wait_for(lambda: link.is_displayed(), 'menu %d showing' % menu_id)
        link.click()
        self.wait_idle()

    def click_menu(self, *path):
        """Click a top menu and then its entry, by their visible names."""
        self.menu_link(*path).click()
        self.wait_idle()

    def field(self, name, root=None):
        root = root or self.driver
        selector = '.o_form_view .o_field_widget[name="%s"]' % name
        return self.wait_for(lambda: self.visible(selector, root), 'the field %r' % name)[0]

    def type_in(self, name, text, root=None):
        element = self.field(name, root)
        if element.tag_name not in ('input', 'textarea'):
            element = element.find_element(By.CSS_SELECTOR, 'input, textarea')
        element.clear()
        element.send_keys(text)
        return element

    def choose(self, name, label, root=None):
        Select(self.field(name, root)).select_by_visible_text(label)
        self.wait_idle()

    def pick(self, name, text, item=None, root=None):
        """Type into a many2one and click the matching suggestion."""
        element = self.field(name, root).find_element(By.CSS_SELECTOR, 'input')
        element.clear()
        element.send_keys(text)
        item = item or text
        choice = self.wait_for(
            lambda: [li for li in self.visible('ul.ui-autocomplete li a') if item in li.text],
            'the suggestion %r for %r' % (item, name))
        choice[0].click()
        self.wait_idle()

    def button(self, text, selector='.o_form_view button, .modal button'):
        found = self.wait_for(lambda: [b for b in self.visible(selector) if b.text.strip() == text],
                              'the button %r' % text)
        found[0].click()
        self.wait_idle()

    def save(self):
        self.wait_css('.o_form_button_save').click()
        self.wait_idle()

    def wait_saved(self):
        self.wait_for(lambda: self.visible('.o_form_view.o_form_readonly') or self.errors(),
                      'the form back read-only after saving')
        self.assert_no_error('saving')
