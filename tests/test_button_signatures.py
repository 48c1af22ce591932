"""NF-1, issue 16: every object button of every view of the installed modules calls a method
that a click can call. Odoo 11's web client calls a button's method as ``method(ids,
context)`` (``/web/dataset/call_button``): a method with a parameter of its own (a reason, a
note) receives the web client's context in it — the office's extension decisions once showed
``{'lang': 'zh_CN', 'tz': …}`` as the opinion, and the seat's 置忙 sent it to the PBX as the
pause reason.

The buttons are read from every view's arch as Odoo serves it (``fields_view_get``), not
listed by hand: a new button is checked without anyone adding it here."""
import inspect

from lxml import etree

from odoo.tests.common import TransactionCase

# Odoo's own buttons, as upstream ships them (reviewed: admin-only, harmless)
UPSTREAM = {
    ('ir.actions.todo', 'action_launch'): 'takes the context by name',
    ('mail.mail', 'send'): 'Odoo: "Send Now" (technical menu, administrators) gets a truthy '
                           'auto_commit',
    ('res.company', 'write'): 'Odoo: company form buttons named write; unknown keys ignored',
    ('res.company', 'write_company_and_print_report'): 'Odoo: the report layout wizard',
}


class TestButtonSignatures(TransactionCase):

    def _object_buttons(self):
        buttons = {}
        for view in self.env['ir.ui.view'].search([('type', 'in', ('form', 'tree', 'kanban'))]):
            if view.model not in self.env.registry:
                continue
            arch = self.env[view.model].fields_view_get(view_id=view.id,
                                                        view_type=view.type)['arch']
            for node in etree.fromstring(arch).iter('button'):
                if node.get('type') == 'object' and node.get('name'):
                    buttons.setdefault((view.model, node.get('name')), view.xml_id)
        return buttons

    def test_no_button_method_takes_the_context_for_an_argument(self):
        """NF-1: no object button calls a method with a positional parameter of its own
        (other than ``context``), and every button's method exists."""
        buttons = self._object_buttons()
        self.assertGreater(len([k for k in buttons if k[0].startswith('hotline.')]), 50)
        problems = []
        for (model, name), view in sorted(buttons.items()):
            method = getattr(type(self.env[model]), name, None)
            if method is None:
                problems.append('%s: %s.%s does not exist' % (view, model, name))
                continue
            params = [p.name for p in list(inspect.signature(method).parameters.values())[1:]
                      if p.kind == p.POSITIONAL_OR_KEYWORD and p.name != 'context']
            if params and (model, name) not in UPSTREAM:
                problems.append('%s: %s.%s(%s) would receive the context' % (
                    view, model, name, ', '.join(params)))
        self.assertEqual(problems, [], '\n'.join(problems))
