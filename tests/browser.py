"""Headless Chromium for the browser tests in tests/ (Debian's chromium and chromium-driver).

Started with the flags this machine needs (no sandbox as root, no background networking on a
closed network), a fresh profile per test, Chinese UI language and the hotline's time zone.
"""
import os
import shutil
import tempfile

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:  # pragma: no cover
    webdriver = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCREENSHOTS = os.path.join(ROOT, '.local', 'screenshots')
CHROMIUM = '/usr/bin/chromium'
CHROMEDRIVER = '/usr/bin/chromedriver'
AVAILABLE = bool(webdriver) and os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)
FLAGS = ('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--disable-dev-shm-usage', '--lang=zh-CN')


def start_chromium(testcase, size='1400,1000', extra_args=(), capabilities=None):
    """A Chromium driver that ``testcase`` quits (and whose profile it removes) at cleanup."""
    profile = tempfile.mkdtemp(prefix='hotline-chromium-')
    testcase.addCleanup(shutil.rmtree, profile, ignore_errors=True)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for name, value in (capabilities or {}).items():
        options.set_capability(name, value)
    for arg in FLAGS + ('--window-size=%s' % size, '--user-data-dir=%s' % profile) + tuple(
            extra_args):
        options.add_argument(arg)
    # dates are shown in the browser's time zone: the one of the hotline's agents
    service = Service(CHROMEDRIVER, env=dict(os.environ, TZ='Asia/Shanghai'))
    driver = webdriver.Chrome(service=service, options=options)
    testcase.addCleanup(driver.quit)
    driver.set_page_load_timeout(60)
    os.makedirs(SCREENSHOTS, exist_ok=True)
    return driver


def warm_assets(driver, base, db, login='agent'):
    """Log in once before the tests enter test mode, so that the web client's asset bundles
    (compiled on first use and kept as attachments) are committed to the test database.
    In test mode each test's compiled bundles are rolled back with the test, and every
    test's first login compiles them again (20 s on this machine). Call it from
    ``setUpClass``; it leaves the browser logged out on a blank page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
    wait = WebDriverWait(driver, 180)
    driver.get('%s/web/login?db=%s' % (base, db))
    wait.until(EC.visibility_of_element_located((By.NAME, 'login'))).send_keys(login)
    driver.find_element(By.NAME, 'password').send_keys(login)
    driver.find_element(By.CSS_SELECTOR, 'form.oe_login_form button[type="submit"]').click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, NAVBAR)))
    wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, '.o_content .o_view_manager_content > *')))
    driver.delete_all_cookies()
    driver.get('about:blank')


# ---------------------------------------------------------------- a person at the web client
# the web client's top bar: Odoo's, or web_responsive's (installed here)
NAVBAR = '.o_main_navbar, .main-nav'
SHOTS_DIRS = [SCREENSHOTS] + [d for d in (os.environ.get('HOTLINE_SHOTS'),) if d]
TIMEOUT = 40
# Odoo 11's web client is busy while an RPC is in flight: its Loading widget (web.Loading)
# puts ``oe_wait`` on the web client and shows ``.o_loading`` for every RPC that is not a
# "shadow" one (the bus's long polling is), and blocks the UI (jQuery blockUI) after 3 s.
IDLE_JS = """
if (document.querySelector('.oe_wait, .o_blockUI, .blockUI')) { return false; }
var shown = Array.prototype.filter.call(document.querySelectorAll('.o_loading'), function (e) {
    return e.offsetWidth || e.offsetHeight || e.getClientRects().length;
});
return !shown.length;
"""


class BrowserCase(object):
    """The helpers of a test that drives headless Chromium, mixed into its test case
    (``class TestX(browser.BrowserCase, live.LiveServerCase)``): start the browser, log in at
    /web/login as a person does, and wait for conditions — an element, a text, the web client
    idle — never for a fixed time. A wait that times out fails the test with what it waited
    for, the path of a screenshot and the page's text. Screenshots go to .local/screenshots
    (and to $HOTLINE_SHOTS when set).

    Uses ``self.driver`` (``start_browser``) and ``self.base`` (the live server's URL, set by
    ``HotlineHttpCase``). A mixin, not a TestCase: importing it does not make pytest collect
    it."""

    timeout = TIMEOUT

    def start_browser(self, size='1400,1000', extra_args=(), capabilities=None):
        """Chromium for this test (quit at its cleanup), as ``self.driver``."""
        self.driver = start_chromium(self, size=size, extra_args=extra_args,
                                     capabilities=capabilities)
        return self.driver

    def failure_name(self):
        """The name of this test, for the screenshot of a failure."""
        return self.id().rsplit('.', 1)[-1]

    # -- reading
    def page_text(self):
        """What the page shows ('' while it is being replaced, e.g. by a redirect)."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.common.by import By
        try:
            return self.driver.find_element(By.TAG_NAME, 'body').text
        except WebDriverException:
            return ''

    def shot(self, name):
        """Save a screenshot ``name`` (.png); the path of the first copy."""
        paths = []
        for folder in SHOTS_DIRS:
            os.makedirs(folder, exist_ok=True)
            paths.append(os.path.join(folder, name))
            self.driver.save_screenshot(paths[-1])
        return paths[0]

    def fail_waiting(self, what, timeout):
        """Fail the test: ``what`` did not happen within ``timeout`` seconds."""
        path = self.shot('failure-%s.png' % self.failure_name())
        try:
            console = self.driver.get_log('browser')[-20:]
        except Exception:  # pragma: no cover - a driver without the browser's log
            console = []
        try:
            url = self.driver.current_url
        except Exception:  # pragma: no cover - the browser is gone
            url = '?'
        console = '\nbrowser console:\n%s' % '\n'.join(map(str, console)) if console else ''
        raise AssertionError('waited %ss in vain for %s on %s; screenshot: %s; page text:\n%s%s'
                             % (timeout, what, url, path, self.page_text()[:3000], console))

    # -- waiting
    def wait_for(self, condition, what, timeout=None):
        """Wait until ``condition()`` returns something true, and return it. A read of an
        element the web client re-rendered meanwhile is tried again, not a failure."""
        from selenium.common.exceptions import (
            NoSuchElementException,
            StaleElementReferenceException,
            TimeoutException,
        )
        from selenium.webdriver.support.ui import WebDriverWait
        timeout = timeout or self.timeout
        wait = WebDriverWait(self.driver, timeout, poll_frequency=0.1, ignored_exceptions=[
            StaleElementReferenceException, NoSuchElementException])
        try:
            return wait.until(lambda driver: condition())
        except TimeoutException:
            self.fail_waiting(what, timeout)

    def wait_css(self, selector, visible=True, timeout=None):
        """The first element of ``selector``, once it is in the page (and visible)."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        condition = (EC.visibility_of_element_located if visible else
                     EC.presence_of_element_located)((By.CSS_SELECTOR, selector))
        return self.wait_for(lambda: condition(self.driver), '%r %s' % (
            selector, 'showing' if visible else 'in the page'), timeout)

    def wait_gone(self, selector, timeout=None):
        """Wait until no element of ``selector`` shows (e.g. a dialog closed)."""
        from selenium.webdriver.common.by import By
        self.wait_for(lambda: not [e for e in self.driver.find_elements(By.CSS_SELECTOR, selector)
                                   if e.is_displayed()], '%r gone' % selector, timeout)

    def wait_text(self, *texts, selector='body', timeout=None):
        """Wait until every text shows in the elements of ``selector`` (their text, or the
        value of a field)."""
        from selenium.webdriver.common.by import By

        def shown():
            found = ' '.join((e.text or e.get_attribute('value') or '')
                             for e in self.driver.find_elements(By.CSS_SELECTOR, selector))
            return all(t in found for t in texts)
        self.wait_for(shown, 'the text %s in %s' % (' / '.join(map(repr, texts)), selector),
                      timeout)

    def wait_idle(self, timeout=None):
        """Wait until the web client has no RPC in flight and shows no 'loading' (a page
        without the web client is idle)."""
        self.wait_for(lambda: self.driver.execute_script(IDLE_JS),
                      'the web client idle (no RPC in flight)', timeout)

    def wait_fonts(self, timeout=None):
        """Wait until the page's web fonts are loaded (before a screenshot)."""
        self.wait_for(lambda: self.driver.execute_script(
            "return document.fonts.status === 'loaded';"), 'the web fonts loaded', timeout)

    # -- acting
    def login(self, login, password=None, db=None, redirect=None):
        """Log in at /web/login as ``login`` (password: the login, as the demo users') and
        wait until the web client has shown its first screen and is idle — or, with
        ``redirect`` (a path, e.g. a citizen's /my/requests), until that page is shown."""
        from urllib.parse import quote, urlparse

        from odoo.tests.common import get_db_name
        url = '%s/web/login?db=%s' % (self.base, db or get_db_name())
        if redirect:
            url += '&redirect=%s' % quote(redirect)
        self.driver.get(url)
        self.wait_css('input[name="login"]').send_keys(login)
        self.wait_css('input[name="password"]').send_keys(password or login)
        self.wait_css('form.oe_login_form button[type="submit"]').click()
        if redirect:
            self.wait_for(lambda: urlparse(self.driver.current_url).path == redirect,
                          'the page %s after logging in as %s' % (redirect, login))
            return
        self.wait_css(NAVBAR, visible=False)
        self.wait_css('.o_content .o_view_manager_content > *', visible=False)
        self.wait_idle()


class Session(BrowserCase):
    """One person at the back end, as a browser test drives it: log in at /web/login, click
    menus, cards, buttons and wizard buttons by their visible (Chinese) text, type into fields,
    read what the screen shows. A test may drive several at once (one Chromium each)."""

    def __init__(self, testcase, base, db, size='1400,1000', driver=None):
        """``driver``: a Chromium the caller started (and quits), e.g. one per test class,
        whose cache of the web client's assets makes every login after the first faster."""
        self.test = testcase
        self.base = base
        self.db = db
        self.driver = driver or start_chromium(testcase, size=size)

    def failure_name(self):
        return self.test.id().rsplit('.', 1)[-1]

    def login(self, login, password=None, db=None):
        super().login(login, password, db or self.db)

    def breadcrumb(self):
        """The titles of the breadcrumb, from the first to the current one."""
        from selenium.webdriver.common.by import By
        self.wait_css('.o_control_panel .breadcrumb li')
        return [li.text.strip() for li in self.driver.find_elements(
            By.CSS_SELECTOR, '.o_control_panel .breadcrumb li')]

    # -- acting
    def click_text(self, text, selector='a, button, .o_menu_sections span, .o_kanban_record',
                   exact=False):
        """Click the first visible element of ``selector`` whose text is (or contains) text."""
        from selenium.webdriver.common.by import By

        def find():
            for element in self.driver.find_elements(By.CSS_SELECTOR, selector):
                label = element.text.strip()
                if element.is_displayed() and (label == text if exact else text in label):
                    return element
            return False
        element = self.wait_for(find, '%r to click' % text)
        self.driver.execute_script('arguments[0].scrollIntoView({block: "center"});', element)
        element.click()
        self.wait_idle()
        return element

    def menu(self, *path):
        """Open a menu by its labels: the app menu section, then the entries under it."""
        for label in path:
            self.click_text(label, ', '.join('%s a' % n for n in NAVBAR.split(', ')),
                            exact=True)

    def button(self, text, scope='.o_form_view'):
        """Click the button labelled ``text`` (status bar, sheet or control panel)."""
        return self.click_text(text, '%s button, .o_control_panel button' % scope, exact=True)

    def dialog_button(self, text):
        return self.click_text(text, '.modal-footer button', exact=True)

    def field(self, name, scope='.o_form_view'):
        from selenium.webdriver.common.by import By
        element = self.wait_css('%s .o_field_widget[name="%s"]' % (scope, name))
        if element.tag_name not in ('input', 'textarea', 'select'):
            element = element.find_element(By.CSS_SELECTOR, 'input, textarea, select')
        return element

    def type(self, name, text, scope='.o_form_view'):
        element = self.field(name, scope)
        element.clear()
        element.send_keys(text)
        return element

    def pick(self, name, text, scope='.o_form_view'):
        """A many2one: type ``text`` and choose the first suggestion that contains it."""
        self.type(name, text, scope)
        self.click_text(text, '.ui-autocomplete li a')

    def select(self, name, label, scope='.o_form_view'):
        from selenium.webdriver.support.ui import Select
        Select(self.field(name, scope)).select_by_visible_text(label)

    # -- the desk, its queues, forms and wizards (issue 16's journeys)
    def login_desk(self, login):
        """Forget whoever was logged in, log in as ``login`` and land on 我的工作台."""
        if self.driver.current_url.startswith(self.base):
            self.driver.delete_all_cookies()
        self.login(login)
        self.wait_text('我的工作台', selector='.o_control_panel .breadcrumb')

    def open_card(self, card, title=None):
        """Click a desk card; the screen it opens is titled ``title`` (the card's name)."""
        self.click_text(card, '.o_kanban_record a.o_hotline_desk_open')
        self.wait_text(title or card, selector='.o_control_panel .breadcrumb')

    def open_row(self, text):
        """Open the list row that shows ``text``."""
        self.click_text(text, '.o_list_view tbody tr.o_data_row')
        self.wait_css('.o_form_view')
        self.wait_idle()

    def status(self, label):
        """Wait until the form's status bar shows ``label`` as the current state."""
        from selenium.webdriver.common.by import By

        def current():
            return [b for b in self.driver.find_elements(
                By.CSS_SELECTOR, '.o_form_statusbar .o_statusbar_status .btn-primary')
                if b.text.strip() == label]
        self.wait_for(current, 'the status %s' % label)

    def wizard_confirm(self, label='确定'):
        """Press the wizard's button ``label`` and wait for the wizard to close."""
        self.dialog_button(label)
        self.wait_gone('.modal-dialog')
        self.wait_idle()
