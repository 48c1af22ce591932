# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""The long-running AMI bridge (AG-1..AG-9) and FastAGI IVR (AG-11)::

    odoo-bin --addons-path=ADDONS hotline-cti -c odoo.conf -d DB [--agi-port 4573]

Odoo 11 finds add-on commands before it reads ``-c``: give the add-ons path (the one of
odoo.conf, e.g. ``/work/main/addons,.venv/lib/python3.7/site-packages/odoo/addons``) first.

One AMI connection per PBX with "Bridge Events" ticked; each batch of events is applied in its
own transaction and committed, so screen pops leave on the bus as soon as they are read."""
import argparse
import logging
import signal
import threading

import odoo
from odoo.cli import Command

from ..bridge.fastagi import FastAgiServer
from ..bridge.ivr import ivr_handler
from ..bridge.runner import Bridge, serve

_logger = logging.getLogger(__name__)


class HotlineCti(Command):
    """Follow the Asterisk PBXs of the 12345 hotline (screen pop, agent states, call records)."""
    # Odoo 11 takes a command's name from the class attribute named like the class
    HotlineCti = 'hotline-cti'

    def run(self, args):
        parser = argparse.ArgumentParser(prog='odoo-bin --addons-path=ADDONS hotline-cti')
        parser.add_argument('-c', '--config', dest='config')
        parser.add_argument('-d', '--database', dest='db_name')
        parser.add_argument('--interval', type=float, default=0.2,
                            help='longest wait for events before checking again (s)')
        parser.add_argument('--agi-port', type=int, default=0,
                            help='serve the IVR over FastAGI on this port (AG-11; 4573)')
        parser.add_argument('--agi-host', default='127.0.0.1')
        options = parser.parse_args(args)
        conf_args = []
        if options.config:
            conf_args += ['-c', options.config]
        if options.db_name:
            conf_args += ['-d', options.db_name]
        odoo.tools.config.parse_config(conf_args)
        odoo.netsvc.init_logger()
        db_name = odoo.tools.config['db_name']
        registry = odoo.registry(db_name)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *a: stop.set())
        signal.signal(signal.SIGINT, lambda *a: stop.set())
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            servers = env['asterisk.server'].search([('cti_enabled', '=', True)])
            bridges = [Bridge.from_server(s).start() for s in servers]
        if not bridges:
            _logger.error('hotline-cti: no PBX has "Bridge Events" ticked; nothing to follow')
            return 1
        _logger.info('hotline-cti: following %d PBX(s)', len(bridges))
        agi = None
        if options.agi_port:
            agi = FastAgiServer((options.agi_host, options.agi_port),
                                ivr_handler(registry)).start()
            _logger.info('hotline-cti: FastAGI IVR on %s:%s', options.agi_host,
                         options.agi_port)
        try:
            serve(registry, bridges, stop, options.interval)
        finally:
            for bridge in bridges:
                bridge.stop()
            if agi:
                agi.stop()
            _mark_disconnected(registry, [b.server_id for b in bridges])
        return 0


def _mark_disconnected(registry, server_ids):
    """MO-1, AG-4: nobody follows these PBXs any more — the connection indicator says so
    (it stayed "connected" after the bridge stopped)."""
    try:
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env['asterisk.server'].browse(server_ids)._cti_set_connection('disconnected')
    except Exception:  # noqa: BLE001 — the database may be what went away
        _logger.exception('hotline-cti: could not mark the PBX connection as stopped')
