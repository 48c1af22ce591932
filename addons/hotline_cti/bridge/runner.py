# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The Odoo side of the bridge: AMI items → call records, agent states, bus messages."""
import collections
import logging
import queue
import time

import psycopg2
from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

from .ami import AmiClient

_logger = logging.getLogger(__name__)
# events after which the batch is committed at once (the agent is waiting for them)
URGENT_EVENTS = ('AgentCalled', 'AgentConnect', 'QueueCallerAbandon')
WRAPUP_CHECK = 1.0  # seconds between two looks for after-call work that has run out
MAX_TRIES = 3  # batches an item may be part of that were lost (database gone) before it is dropped
# seconds an event of a click-to-dial call waits for the call record of the click (AG-5)
RECORD_WAIT = 10.0


class RecordNotCommitted(Exception):
    """AG-5: an event of a click-to-dial call arrived before the click's transaction
    committed the call record (Asterisk announces the new channels about 10 ms after the
    Originate, and the web request commits later, much later on a loaded server)."""


class Bridge(object):
    """Follows one PBX. ``pump(env)`` applies what the AMI client has read so far with the
    given environment (superuser); the service loop calls it in a fresh transaction per
    batch, tests call it with their own environment."""

    def __init__(self, server_id, host, port, username, secret, backoff=(0.5, 30.0)):
        self.server_id = server_id
        self.client = AmiClient(host, port, username, secret, backoff=backoff)
        self.handled = 0
        self.skipped = 0
        self._wrapup_checked = 0.0
        self._taken = []    # (item, tries) taken in the batch not yet committed
        self._retry = []    # (item, tries) of a batch that was rolled back: applied again first
        self._waiting = []  # (item, since): events waiting for their call record (AG-5)
        # click-to-dial calls no longer waited for (the last 1000): their record was found,
        # or was waited for in vain — their later events are applied without looking again
        self._settled = collections.OrderedDict()

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
        # AG-5: the events that waited for their call record go first, in their order; an
        # event of a call whose earlier events still wait waits behind them
        waiting, self._waiting = self._waiting, []
        waiting_keys = set()
        while len(done) < max_items:
            since = None
            if waiting:
                (item, since), tries = waiting.pop(0), 0
            elif self._retry:
                item, tries = self._retry.pop(0)
            else:
                try:
                    wait = max(deadline - time.time(), 0) if not done else 0
                    item = self.client.items.get(timeout=wait) if wait else \
                        self.client.items.get_nowait()
                except queue.Empty:
                    break
                tries = 0
            key = Call._cti_record_key(*item)
            if key and key in waiting_keys:
                self._waiting.append((item, since or time.time()))
                continue
            settled = key in self._settled
            if key and not settled and since and time.time() - since >= RECORD_WAIT:
                # the click's transaction was lost: its call's events are applied as they
                # are (they find no record and change nothing), and the next ones at once
                _logger.warning('CTI: no call record %s after %.0f s; its events are applied '
                                'without it', key, RECORD_WAIT)
                self._settle(key)
                settled = True
            self._taken.append((item, tries))
            try:
                # one item that cannot be applied (an event this code does not expect) is
                # skipped on its own; the others of the batch are kept
                with env.cr.savepoint():
                    Call.with_context(hotline_cti_no_wait=settled)._cti_handle(server, *item)
            except RecordNotCommitted:
                self._taken.pop()
                self._waiting.append((item, since or time.time()))
                waiting_keys.add(key)
                continue
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                raise   # the database, not the item: the whole batch is applied again
            except Exception:
                _logger.exception('CTI: could not apply %r; skipped', item)
                self.skipped += 1
                env.clear()
                continue
            if key and not settled:
                self._settle(key)
            done.append(item)
            if item[0] == 'event' and item[1].get('Event') in URGENT_EVENTS:
                break
        # what was left of the waiting ones (a batch ended early) waits on, in order
        self._waiting += waiting
        if time.time() - self._wrapup_checked >= WRAPUP_CHECK:
            # AG-2: after-call work that has run out (once a second, one query)
            self._wrapup_checked = time.time()
            env['hotline.cti.agent'].sudo().with_context(
                hotline_cti_pending=pending)._cti_end_wrapup(self.server_id)
        if pending:
            env['hotline.cti.agent'].sudo()._cti_notify_monitor()
        self.handled += len(done)
        return done

    def _settle(self, key):
        self._settled[key] = True
        while len(self._settled) > 1000:
            self._settled.popitem(last=False)

    def committed(self):
        """The batch's transaction is committed: its items are done with."""
        self._taken = []

    def rolled_back(self):
        """The batch's transaction was lost (database restarted, connection cut, conflict):
        its items are applied again, first, in their order — up to ``MAX_TRIES`` times."""
        again = [(item, tries + 1) for item, tries in self._taken if tries + 1 < MAX_TRIES]
        for item, tries in self._taken:
            if tries + 1 >= MAX_TRIES:
                _logger.error('CTI: %r dropped after %d lost batches', item, MAX_TRIES)
                self.skipped += 1
        self._retry = again + self._retry
        self._taken = []


def serve(registry, bridges, stop, interval=0.2):
    """The bridge's main loop (CLI command, browser test, benchmark): each batch of items in
    its own transaction, committed at once so that bus messages leave without delay; an
    item that fails is logged and skipped alone; a batch whose transaction is lost (database
    restarted) is applied again at the next turn. ``stop``: threading.Event."""
    from odoo import SUPERUSER_ID, api  # here: bridge/ami.py stays importable without Odoo
    with api.Environment.manage():
        while not stop.is_set():
            for bridge in bridges:
                try:
                    with registry.cursor() as cr:
                        # READ COMMITTED: a row an agent's button is writing (state after
                        # 签入/置忙/置闲) is waited for and then updated, instead of failing the
                        # whole batch with a serialization error and applying it again. The
                        # bridge only applies what the PBX reports; each statement seeing
                        # the latest committed rows is what it needs.
                        cr._cnx.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
                        env = api.Environment(cr, SUPERUSER_ID, {})
                        bridge.pump(env, timeout=interval / max(len(bridges), 1))
                    bridge.committed()
                except Exception:
                    _logger.exception('CTI: batch rolled back; its items are applied again')
                    bridge.rolled_back()
                    time.sleep(0.1)
