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
