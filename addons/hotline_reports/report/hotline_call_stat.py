# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import datetime

from odoo import api, fields, models

from .hotline_call_measure_mixin import HotlineCallMeasureMixin


class HotlineCallStat(models.Model):
    """ST-2: the call summary (话务汇总) — a materialized table of call counts per
    half-hour of each day, queue, direction, disposition and wait bucket, so that pivots over
    years of call records (tens of millions) read a few hundred thousand rows. Refreshed by
    a job every 15 minutes (the last two days) and rebuilt in full when empty. Per-agent
    figures come from the call analysis (hotline.call.report) over a period."""
    _name = 'hotline.call.stat'
    _description = 'Call Summary'
    _inherit = ['hotline.call.measure.mixin']
    _order = 'date desc, half_hour'
    # the averages of a summary row are ratios of its sums, like the rates
    _rate_fields = dict(HotlineCallMeasureMixin._rate_fields,
                        avg_wait=('wait_time', 'offered_count', 1.0),
                        avg_talk=('talk_time', 'answered_count', 1.0))

    date = fields.Date(readonly=True, index=True)
    avg_wait = fields.Float('Average Wait (s)', readonly=True)
    avg_talk = fields.Float('Average Talk (s)', readonly=True)

    @api.model
    def _refresh(self, since=None):
        """ST-2: rebuild the summary from ``since`` (a date in hotline time; everything when
        None) in two statements. Returns the number of summary rows written."""
        cr = self.env.cr
        local = "(c.enter_date AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')"
        where = "c.enter_date IS NOT NULL"
        params = {'uid': self.env.uid, 'now': fields.Datetime.now()}
        if since:
            cr.execute("DELETE FROM hotline_call_stat WHERE date >= %s", [since])
            # the UTC instant of local midnight of ``since``, so the enter_date index is used
            where += (" AND c.enter_date >= (%(since)s::timestamp AT TIME ZONE "
                      "'Asia/Shanghai' AT TIME ZONE 'UTC')")
            params['since'] = since
        else:
            cr.execute("DELETE FROM hotline_call_stat")
        cr.execute("""
            INSERT INTO hotline_call_stat (date, hour, half_hour, queue_id, direction,
                disposition, wait_bucket, nbr, offered_count, answered_count, abandoned_count,
                answered_15, answered_20, answer_rate, abandon_rate, sl15_rate, sl20_rate,
                wait_time, avg_wait, max_wait, talk_time, avg_talk, outbound_count,
                outbound_answered, outbound_talk, create_uid, create_date, write_uid,
                write_date)
            SELECT s.*, %(uid)s, %(now)s, %(uid)s, %(now)s FROM (
            SELECT {local}::date, to_char({local}, 'HH24'),
                   to_char({local}, 'HH24') || CASE WHEN EXTRACT(MINUTE FROM c.enter_date) < 30
                                                    THEN ':00' ELSE ':30' END,
                   c.queue_id, c.direction, c.disposition,
                   CASE WHEN c.direction = 'inbound'
                         AND c.disposition IN ('answered', 'abandoned')
                        THEN CASE WHEN COALESCE(c.wait_time, 0) < 20 THEN 'a_lt20'
                                  WHEN c.wait_time < 40 THEN 'b_20_40'
                                  WHEN c.wait_time <= 60 THEN 'c_40_60'
                                  ELSE 'd_gt60' END END,
                   COUNT(*),
                   COUNT(*) FILTER (WHERE c.direction = 'inbound'
                                    AND c.disposition IN ('answered', 'abandoned')),
                   COUNT(*) FILTER (WHERE c.direction = 'inbound'
                                    AND c.disposition = 'answered'),
                   COUNT(*) FILTER (WHERE c.direction = 'inbound'
                                    AND c.disposition = 'abandoned'),
                   COUNT(*) FILTER (WHERE c.direction = 'inbound' AND c.disposition = 'answered'
                                    AND COALESCE(c.wait_time, 0) <= 15),
                   COUNT(*) FILTER (WHERE c.direction = 'inbound' AND c.disposition = 'answered'
                                    AND COALESCE(c.wait_time, 0) <= 20),
                   0, 0, 0, 0,
                   COALESCE(SUM(c.wait_time) FILTER (
                       WHERE c.direction = 'inbound'
                         AND c.disposition IN ('answered', 'abandoned')), 0),
                   0,
                   MAX(c.wait_time) FILTER (WHERE c.direction = 'inbound'),
                   COALESCE(SUM(c.talk_time) FILTER (WHERE c.direction = 'inbound'
                                                     AND c.disposition = 'answered'), 0),
                   0,
                   COUNT(*) FILTER (WHERE c.direction = 'outbound'),
                   COUNT(*) FILTER (WHERE c.direction = 'outbound'
                                    AND c.answer_date IS NOT NULL),
                   COALESCE(SUM(c.talk_time) FILTER (WHERE c.direction = 'outbound'), 0)
              FROM hotline_cti_call c
             WHERE {where}
             GROUP BY 1, 2, 3, 4, 5, 6, 7) s""".format(local=local, where=where), params)
        return cr.rowcount

    @api.model
    def _cron_refresh(self):
        """ST-2: the summary job: the last two days (calls of yesterday may still end after
        midnight), or everything while the summary is empty."""
        self.env.cr.execute("SELECT 1 FROM hotline_call_stat LIMIT 1")
        if not self.env.cr.fetchone():
            return self._refresh()
        today = fields.Date.from_string(fields.Date.context_today(
            self.with_context(tz='Asia/Shanghai')))
        return self._refresh(since=fields.Date.to_string(today - datetime.timedelta(days=1)))
