"""Issue 20, TK-4, TK-5, UN-2, UN-4, KB-3: one workflow mechanism serves every model whose
state users change — requests, unit assignments, extension requests, KB items — and nothing
else writes their state.

Read from the installed system (the models that inherit ``hotline.workflow.mixin``, their views
as Odoo combines them, the source of the installed add-ons), not listed by hand: a new
workflow model, button or state write is checked without anyone adding it here."""
import ast
import os
import re

from lxml import etree

from odoo.tests.common import TransactionCase

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, 'addons')
MIXIN = 'hotline.workflow.mixin'
WORKFLOW_MODELS = {'hotline.ticket', 'hotline.ticket.assignment', 'hotline.ticket.extension',
                   'hotline.kb.item', 'hotline.process.template'}

# Files that write a ``state`` directly, and why that is not a workflow model's state. A
# state write anywhere else fails the test: it must be a transition of the model's table.
STATE_WRITERS = {
    'hotline_cti/models/hotline_cti_call.py':
        'hotline.cti.call: follows the PBX events (what already happened on the line)',
    'hotline_cti/models/hotline_cti_call_events.py':
        'hotline.cti.call: its AMI event handlers (what already happened on the line)',
    'hotline_cti/models/hotline_cti_call_dialplan.py':
        'hotline.cti.call: the IVR and voicemail end a call as the dialplan reports it',
    'hotline_cti/models/hotline_cti_agent.py':
        "hotline.cti.agent: a seat's state follows the PBX (login, pause, ringing, talking)",
    'hotline_sms/models/hotline_sms_message.py':
        "hotline.sms.message: follows the SMS gateway's sending and delivery reports",
    'hotline_sms/models/hotline_sms_message_send.py':
        "hotline.sms.message: the sender's outcome and the gateway's delivery reports",
    'hotline_reports/models/hotline_kpi_result.py':
        'hotline.kpi.result: publish / withdraw a ranking, from any state (no table yet)',
    'hotline_reports/models/hotline_spike_alert.py': 'hotline.spike.alert: set by the scan',
    'hotline_portal/models/hotline_portal_announcement.py':
        'hotline.portal.announcement: withdraw / back to draft from any state (no table yet)',
    'hotline_kb/models/hotline_announcement.py':
        'hotline.announcement: review of an agents\' notice (no table yet)',
    'hotline_core/models/hotline_workflow_mixin.py': 'the one _transition itself',
}
# Statements that set a workflow model's state in SQL, and why.
SQL_STATE_WRITERS = {
    ('hotline_kb/models/hotline_kb_item.py', '_cron_expire'):
        'KB-2: the nightly expiry archives every expired item in one statement (a scan over '
        'many records is SQL); its from-state and to-state are the "archive" transition\'s',
}
SQL_WORDS = re.compile(r'\b(SELECT|UPDATE|INSERT|DELETE)\b.*\b(FROM|SET|INTO|WHERE)\b', re.S)
STATE_LITERAL = re.compile(
    r"(?:\b(\w+)\.|(?<![\w.]))state\s*(?:=|!=|<>|(?:NOT\s+)?IN)\s*\(?\s*((?:'\w+'\s*,?\s*)+)",
    re.I)
TABLE_ALIAS = re.compile(r'\b(?:FROM|JOIN|UPDATE)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?', re.I)


def _sources():
    for module in sorted(os.listdir(ADDONS)):
        for folder, dirs, files in os.walk(os.path.join(ADDONS, module)):
            dirs[:] = [d for d in dirs if d not in ('tests', '__pycache__', 'static')]
            for name in files:
                if name.endswith('.py'):
                    path = os.path.join(folder, name)
                    yield os.path.relpath(path, ADDONS), ast.parse(open(path).read(), path)


def _functions(tree):
    """(function name, node) for every node, the innermost function around it."""
    def walk(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            yield inner, child
            yield from walk(child, inner)
    yield from walk(tree, None)


def _is_state_key(node):
    return isinstance(node, ast.Str) and node.s == 'state'


def _writes_state(node):
    """A ``.write({... 'state': …})`` / ``.write(dict(…, state=…))`` call, a
    ``vals['state'] = …`` or a ``record.state = …``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == 'write' and node.args:
        arg = node.args[0]
        if isinstance(arg, ast.Dict):
            return any(_is_state_key(key) for key in arg.keys)
        if isinstance(arg, ast.Call) and getattr(arg.func, 'id', None) == 'dict':
            return any(k.arg == 'state' for k in arg.keywords)
    if isinstance(node, (ast.Assign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == 'state':
                return True
            if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Index) \
                    and _is_state_key(target.slice.value):
                return True
    return False


class TestWorkflowMechanism(TransactionCase):

    def _workflow_models(self):
        mixin = type(self.env[MIXIN])
        return sorted(name for name in self.env.registry
                      if name != MIXIN and isinstance(self.env[name], mixin))

    def test_every_model_with_user_states_uses_the_mixin(self):
        """Issue 20: requests, assignments, extension requests and KB items inherit the one
        workflow mechanism, and their tables are ``Transition`` rows read by name."""
        models = self._workflow_models()
        self.assertTrue(WORKFLOW_MODELS <= set(models), models)
        for name in models:
            Model = self.env[name]
            states = {code for code, __ in Model._fields['state']._description_selection(
                self.env)}
            for action, transition in Model._get_transitions().items():
                self.assertEqual(type(transition).__name__, 'Transition', (name, action))
                self.assertTrue(transition.label, (name, action))
                self.assertTrue(set(transition.from_states) <= states, (name, action))
                self.assertIn(transition.to_state, states | {None}, (name, action))

    def test_state_groups_name_only_current_states(self):
        """Issue 20: the named state groups other modules use (in domains and SQL) name only
        states of the model's current selection: renaming a state breaks this test, not the
        KPIs."""
        for name in self._workflow_models():
            Model = self.env[name]
            states = {code for code, __ in Model._fields['state']._description_selection(
                self.env)}
            for group, codes in Model._state_groups().items():
                self.assertTrue(codes, (name, group))
                self.assertEqual(set(codes) - states, set(), (name, group))
        self.assertTrue(self.env['hotline.ticket.assignment']._state_groups())
        self.assertTrue(self.env['hotline.ticket']._state_groups())

    def test_buttons_show_in_the_from_states_of_their_transition(self):
        """TK-4, UN-4, KB-3: every object button with ``states=`` on a workflow model's
        views is mapped to its action, and shows in exactly that transition's from-states
        (or the states declared for a button that fires no transition)."""
        problems, checked = [], 0
        for name in self._workflow_models():
            Model = self.env[name]
            transitions = Model._get_transitions()
            buttons = Model._transition_buttons()
            declared = Model._transition_button_states()
            views = self.env['ir.ui.view'].search([
                ('model', '=', name), ('mode', '=', 'primary'),
                ('type', 'in', ('form', 'tree', 'kanban'))])
            for view in views:
                arch = etree.fromstring(view.read_combined(['arch'])['arch'])
                for node in arch.iter('button'):
                    if node.get('type') != 'object' or not node.get('states'):
                        continue
                    method = node.get('name')
                    wizard = re.search(r"'wizard_action'\s*:\s*'(\w+)'",
                                       node.get('context') or '')
                    key = (method, wizard.group(1)) if wizard else method
                    action = buttons.get(key)
                    where = '%s (%s) button %s' % (view.xml_id, name, key)
                    if action is None:
                        problems.append('%s: not mapped to an action in '
                                        '_transition_buttons' % where)
                        continue
                    if action in declared:
                        expected = set(declared[action])
                    elif action in transitions:
                        expected = set(transitions[action].from_states)
                    else:
                        problems.append('%s: action %s is not in the table' % (where, action))
                        continue
                    shown = set(node.get('states').split(','))
                    checked += 1
                    if shown != expected:
                        problems.append('%s: states="%s", the table says %s' % (
                            where, node.get('states'), ','.join(sorted(expected))))
        self.assertGreaterEqual(checked, 25)
        self.assertEqual(problems, [], '\n'.join(problems))

    def test_no_state_write_outside_the_transition(self):
        """Issue 20: no code writes a workflow model's state except ``_transition`` — no
        ``write({'state': …})``, ``vals['state'] = …`` or ``record.state = …`` outside the
        files of the non-workflow models listed (with their reason), and no SQL that sets
        the state of a workflow model's table."""
        tables = {self.env[name]._table for name in self._workflow_models()}
        found, sql_found = [], []
        for path, tree in _sources():
            for function, node in _functions(tree):
                if _writes_state(node) and path not in STATE_WRITERS:
                    found.append('%s:%d (%s)' % (path, node.lineno, function))
                if isinstance(node, ast.Str) and re.search(
                        r'\bUPDATE\s+(%s)\b[^;]*?\bSET\b(?:(?!\b(?:FROM|WHERE)\b)[^;])*'
                        r'(?<![\w.])state\s*=' % '|'.join(tables),
                        node.s, re.I | re.S) and (path, function) not in SQL_STATE_WRITERS:
                    sql_found.append('%s:%d (%s)' % (path, node.lineno, function))
        self.assertEqual(found, [], 'state written outside _transition:\n' + '\n'.join(found))
        self.assertEqual(sql_found, [], 'state set in SQL:\n' + '\n'.join(sql_found))
        for path in STATE_WRITERS:
            self.assertTrue(os.path.exists(os.path.join(ADDONS, path)), path)

    def test_sql_receives_request_and_assignment_states_as_parameters(self):
        """Issue 20: no SQL string of the add-ons compares a request's or an assignment's
        state with a code typed in it; the codes come from the model's state groups, as
        parameters (a renamed state cannot silently empty a KPI)."""
        codes = {
            table: {code for code, __ in self.env[model]._fields['state']
                    ._description_selection(self.env)}
            for model, table in (('hotline.ticket', 'hotline_ticket'),
                                 ('hotline.ticket.assignment', 'hotline_ticket_assignment'))}
        problems = []
        for path, tree in _sources():
            for function, node in _functions(tree):
                if not isinstance(node, ast.Str) or not SQL_WORDS.search(node.s):
                    continue
                aliases = {}
                for table, alias in TABLE_ALIAS.findall(node.s):
                    if table in codes:
                        aliases[table] = table
                        if alias and alias.upper() not in ('WHERE', 'ON', 'SET', 'JOIN',
                                                           'LEFT', 'GROUP', 'ORDER'):
                            aliases[alias] = table
                if not aliases:
                    continue
                for alias, literals in STATE_LITERAL.findall(node.s):
                    table = aliases.get(alias) if alias else (
                        next(iter(set(aliases.values()))) if len(set(aliases.values())) == 1
                        else None)
                    typed = set(re.findall(r"'(\w+)'", literals))
                    if table and typed & codes[table]:
                        problems.append('%s:%d (%s): %s state %s' % (
                            path, node.lineno, function, table, ', '.join(sorted(typed))))
        self.assertEqual(problems, [], '\n'.join(problems))
