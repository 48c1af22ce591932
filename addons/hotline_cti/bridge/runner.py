# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The Odoo side of the bridge: AMI items → call records, agent states, bus messages."""
import logging
import queue
import time

from .ami import AmiClient

_logger = logging.getLogger(__name__)
# events after which the batch is committed at once (the agent is waiting for them)
URGENT_EVENTS = ('AgentCalled', 'AgentConnect', 'QueueCallerAbandon')
WRAPUP_CHECK = 1.0  # seconds between two looks for after-call work that has run out


class Bridge(object):
    """Follows one PBX. ``pump(env)`` applies what the AMI client has read so far with the
    given environment (superuser); the service loop calls it in a fresh transaction per
    batch, tests call it with their own environment."""

    def __init__(self, server_id, host, port, username, secret, backoff=(0.5, 30.0)):
        self.server_id = server_id
        self.client = AmiClient(host, port, username, secret, backoff=backoff)
        self.handled = 0
        self._wrapup_checked = 0.0

    @classmethod
    def from_server(cls, server, **kw):
        server = server.sudo()  # the bridge runs as superuser; it needs the AMI secret
        return cls(server.id, server.ip_address, server.port, server.login, server.password,
                   **kw)

    def start(self):
        self.client.start()
        return self

    def stop(self):
        self.client.stop()

    def pump(self, env, timeout=0.0, max_items=200):
        """Apply up to ``max_items`` pending items, waiting up to ``timeout`` seconds for the
        first one. Returns the items applied.

        A batch ends right after an event that pops a screen (AgentCalled), so that the caller
        commits it at once; the supervisors' grid is sent once per batch, not per event."""
        server = env['asterisk.server'].browse(self.server_id)
        pending = set()
        Call = env['hotline.cti.call'].sudo().with_context(hotline_cti_pending=pending)
        done = []
        deadline = time.time() + timeout
        while len(done) < max_items:
            try:
                wait = max(deadline - time.time(), 0) if not done else 0
                item = self.client.items.get(timeout=wait) if wait else \
                    self.client.items.get_nowait()
            except queue.Empty:
                break
            try:
                Call._cti_handle(server, *item)
            except Exception:
                _logger.exception('CTI: could not apply %r', item)
                raise
            done.append(item)
            if item[0] == 'event' and item[1].get('Event') in URGENT_EVENTS:
                break
        if time.time() - self._wrapup_checked >= WRAPUP_CHECK:
            # AG-2: after-call work that has run out (once a second, one query)
            self._wrapup_checked = time.time()
            env['hotline.cti.agent'].sudo().with_context(
                hotline_cti_pending=pending)._cti_end_wrapup(self.server_id)
        if pending:
            env['hotline.cti.agent'].sudo()._cti_notify_monitor()
        self.handled += len(done)
        return done


def serve(registry, bridges, stop, interval=0.2):
    """The bridge's main loop (CLI command, browser test, benchmark): each batch of items in
    its own transaction, committed at once so that bus messages leave without delay; an
    item that fails is logged and rolled back, the loop goes on. ``stop``: threading.Event."""
    from odoo import SUPERUSER_ID, api  # here: bridge/ami.py stays importable without Odoo
    with api.Environment.manage():
        while not stop.is_set():
            for bridge in bridges:
                try:
                    with registry.cursor() as cr:
                        env = api.Environment(cr, SUPERUSER_ID, {})
                        bridge.pump(env, timeout=interval / max(len(bridges), 1))
                except Exception:
                    _logger.exception('CTI: batch rolled back')
                    time.sleep(0.1)
