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


class Session(object):
    """One person at the back end, as a browser test drives it: log in at /web/login, click
    menus, cards, buttons and wizard buttons by their visible (Chinese) text, type into fields,
    read what the screen shows. Every wait is for a condition, never a fixed time. Screenshots
    go to .local/screenshots (and to $HOTLINE_SHOTS when set)."""

    def __init__(self, testcase, base, db, size='1400,1000', driver=None):
        """``driver``: a Chromium the caller started (and quits), e.g. one per test class,
        whose cache of the web client's assets makes every login after the first faster."""
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait
        self.test = testcase
        self.base = base
        self.db = db
        self.driver = driver or start_chromium(testcase, size=size)
        # the web client re-renders what a condition reads (status bar, list rows): such a
        # read is tried again, not a failure
        self.wait = WebDriverWait(self.driver, TIMEOUT,
                                  ignored_exceptions=[StaleElementReferenceException])

    # -- reading
    def text(self):
        from selenium.webdriver.common.by import By
        return self.driver.find_element(By.TAG_NAME, 'body').text

    def shot(self, name):
        for folder in SHOTS_DIRS:
            os.makedirs(folder, exist_ok=True)
            self.driver.save_screenshot(os.path.join(folder, name))

    def _fail(self, what):
        self.shot('failure-%s.png' % self.test.id().rsplit('.', 1)[-1])
        raise AssertionError('%s; page text:\n%s' % (what, self.text()[:3000]))

    def until(self, condition, what):
        from selenium.common.exceptions import TimeoutException
        try:
            return self.wait.until(condition)
        except TimeoutException:
            self._fail('%s did not happen within %ss' % (what, TIMEOUT))

    def css(self, selector, visible=True):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        condition = EC.visibility_of_element_located if visible else \
            EC.presence_of_element_located
        return self.until(condition((By.CSS_SELECTOR, selector)), '%r showing' % selector)

    def idle(self):
        """The web client has no RPC in flight and shows no 'loading' overlay."""
        from selenium.webdriver.common.by import By

        def quiet(driver):
            if driver.find_elements(By.CSS_SELECTOR, '.o_blockUI, .blockUI'):
                return False
            return not [e for e in driver.find_elements(By.CSS_SELECTOR, '.o_loading')
                        if e.is_displayed()]
        self.until(quiet, 'the web client becoming idle')

    def see(self, *texts, selector='body'):
        """Wait until every text shows inside ``selector``."""
        from selenium.webdriver.common.by import By

        def shown(driver):
            found = ' '.join(e.text for e in driver.find_elements(By.CSS_SELECTOR, selector))
            return all(t in found for t in texts)
        self.until(shown, 'texts %s showing in %s' % (list(texts), selector))

    def breadcrumb(self):
        """The titles of the breadcrumb, from the first to the current one."""
        from selenium.webdriver.common.by import By
        self.css('.o_control_panel .breadcrumb li')
        return [li.text.strip() for li in self.driver.find_elements(
            By.CSS_SELECTOR, '.o_control_panel .breadcrumb li')]

    # -- acting
    def login(self, login, password=None):
        self.driver.get('%s/web/login?db=%s' % (self.base, self.db))
        self.css('input[name="login"]').send_keys(login)
        self.css('input[name="password"]').send_keys(password or login)
        self.css('form.oe_login_form button[type="submit"]').click()
        self.css(NAVBAR, visible=False)
        self.css('.o_content .o_view_manager_content > *', visible=False)
        self.idle()

    def click_text(self, text, selector='a, button, .o_menu_sections span, .o_kanban_record',
                   exact=False):
        """Click the first visible element of ``selector`` whose text is (or contains) text."""
        from selenium.webdriver.common.by import By

        def find(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, selector):
                try:
                    label = element.text.strip()
                    if element.is_displayed() and (label == text if exact else text in label):
                        return element
                except Exception:  # element replaced while we looked at it
                    return False
            return False
        element = self.until(find, '%r to click' % text)
        self.driver.execute_script('arguments[0].scrollIntoView({block: "center"});', element)
        element.click()
        self.idle()
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
        element = self.css('%s .o_field_widget[name="%s"]' % (scope, name))
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
        self.see('我的工作台', selector='.o_control_panel .breadcrumb')

    def open_card(self, card, title=None):
        """Click a desk card; the screen it opens is titled ``title`` (the card's name)."""
        self.click_text(card, '.o_kanban_record a.o_hotline_desk_open')
        self.see(title or card, selector='.o_control_panel .breadcrumb')

    def open_row(self, text):
        """Open the list row that shows ``text``."""
        self.click_text(text, '.o_list_view tbody tr.o_data_row')
        self.css('.o_form_view')
        self.idle()

    def status(self, label):
        """Wait until the form's status bar shows ``label`` as the current state."""
        from selenium.webdriver.common.by import By

        def current(driver):
            return [b for b in driver.find_elements(
                By.CSS_SELECTOR, '.o_form_statusbar .o_statusbar_status .btn-primary')
                if b.text.strip() == label]
        self.until(current, 'the status %s' % label)

    def wizard_confirm(self, label='确定'):
        """Press the wizard's button ``label`` and wait for the wizard to close."""
        from selenium.webdriver.common.by import By
        self.dialog_button(label)
        self.until(lambda d: not [m for m in d.find_elements(By.CSS_SELECTOR, '.modal-dialog')
                                  if m.is_displayed()], 'the wizard closing')
        self.idle()
