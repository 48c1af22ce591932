# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
import logging

from jinja2.sandbox import SandboxedEnvironment

from odoo import _, api, models, tools
from odoo.exceptions import UserError
from odoo.tools import pycompat

from odoo.addons.mail.models import mail_template as odoo_mail_template

_logger = logging.getLogger(__name__)

# Attributes through which a template leaves the rights of whoever renders it: another
# user's rights (sudo, with_env), the database cursor and the registry (pool, cr,
# registry). Jinja's sandbox already refuses every name that starts with "_" (_cr, _uid,
# _context, …).
BLOCKED_ATTRIBUTES = frozenset({
    'sudo', 'with_env', 'pool', 'cr', 'registry', 'suspend_security', 'with_user',
    'clear_caches', 'invalidate_cache',
})
# An environment (``object.env``, ``user.env``) gives models in the same rights
# (``user.env['web.planner']``, used by website_mail's template) and these attributes only:
# not its cursor (cr, args), its caches, the other environments of the thread (all), and it
# cannot be called (``env(user=1)`` would be the superuser).
ENVIRONMENT_ATTRIBUTES = frozenset({'user', 'uid', 'context', 'lang', 'ref'})


class HotlineTemplateSandbox(SandboxedEnvironment):
    """NF-2 (issue 15): Odoo's template sandbox without the ways out of the caller's rights.
    Every template the installed modules ship renders in it (tested); ``sudo()``,
    ``with_env``, ``env(user=…)``, ``env.cr``, ``object.pool`` and the like are undefined
    and fail the rendering, and what ``object.env[...]`` reaches is in the caller's rights."""

    def is_safe_attribute(self, obj, attr, value):
        if attr in BLOCKED_ATTRIBUTES:
            return False
        if isinstance(obj, api.Environment) and attr not in ENVIRONMENT_ATTRIBUTES:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj):
        if isinstance(obj, api.Environment):
            return False
        return super().is_safe_callable(obj)


def _strict_copy(source, autoescape):
    env = HotlineTemplateSandbox(
        block_start_string=source.block_start_string,
        block_end_string=source.block_end_string,
        variable_start_string=source.variable_start_string,
        variable_end_string=source.variable_end_string,
        comment_start_string=source.comment_start_string,
        comment_end_string=source.comment_end_string,
        line_statement_prefix=source.line_statement_prefix,
        line_comment_prefix=source.line_comment_prefix,
        trim_blocks=source.trim_blocks,
        autoescape=autoescape,
    )
    env.globals.update(source.globals)
    env.filters.update(source.filters)
    return env


STRICT_ENV = _strict_copy(odoo_mail_template.mako_template_env, True)
STRICT_SAFE_ENV = _strict_copy(odoo_mail_template.mako_template_env, False)


class MailTemplate(models.Model):
    """NF-2 (issue 15): templates are configuration of the system administrator (access
    rows in security/hardening_mail.xml); rendering, stored templates and the public
    ``render_template`` over RPC alike, cannot leave the caller's rights."""
    _inherit = 'mail.template'

    @api.model
    def render_template(self, template_txt, model, res_ids, post_process=False):
        """Odoo 11's ``mail.template.render_template`` (same variables, same results) in
        :class:`HotlineTemplateSandbox` instead of Odoo's sandbox."""
        multi_mode = True
        if isinstance(res_ids, pycompat.integer_types):
            multi_mode = False
            res_ids = [res_ids]

        results = dict.fromkeys(res_ids, u"")

        try:
            mako_env = STRICT_SAFE_ENV if self.env.context.get('safe') else STRICT_ENV
            template = mako_env.from_string(tools.ustr(template_txt))
        except Exception:
            _logger.info("Failed to load template %r", template_txt, exc_info=True)
            return multi_mode and results or results[res_ids[0]]

        records = self.env[model].browse(it for it in res_ids if it)
        res_to_rec = dict.fromkeys(res_ids, None)
        for record in records:
            res_to_rec[record.id] = record
        env = self.env
        variables = {
            'format_date': lambda date, format=False, context=self._context:
                odoo_mail_template.format_date(env, date, format),
            'format_tz': lambda dt, tz=False, format=False, context=self._context:
                odoo_mail_template.format_tz(env, dt, tz, format),
            'format_amount': lambda amount, currency, context=self._context:
                odoo_mail_template.format_amount(env, amount, currency),
            'user': self.env.user,
            'ctx': self._context,
        }
        for res_id, record in res_to_rec.items():
            variables['object'] = record
            try:
                render_result = template.render(variables)
            except Exception:
                # the refused attribute is in the server log, not in the caller's message
                _logger.info("Failed to render template %r", template_txt, exc_info=True)
                raise UserError(_('This template cannot be rendered: it uses something '
                                  'templates may not use (such as sudo or the database '
                                  'cursor) or has an error.'))
            if render_result == u"False":
                render_result = u""
            results[res_id] = render_result

        if post_process:
            for res_id, result in results.items():
                results[res_id] = self.render_post_process(result)

        return multi_mode and results or results[res_ids[0]]
