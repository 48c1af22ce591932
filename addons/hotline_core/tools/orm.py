# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""Helpers for the ORM of Odoo 11 on hot paths (issue 19)."""
from odoo import SUPERUSER_ID


def recompute_together(record, fresh=False):
    """Compute the stored fields pending on the one new ``record`` and write them with one
    UPDATE; fields pending on other records stay for Odoo's ``recompute``. ``fresh``: no
    other row refers to ``record`` yet (it was created without x2many values), so the
    write does not look for any (``modified_new``)."""
    env = record.env
    pending = [field for field in sorted(env.all.todo, key=env.registry.field_sequence)
               if field.model_name == record._name and env.check_todo(field, record)]
    if not pending:
        return
    values = {}
    for field in pending:
        # read as Odoo's recompute would: in the environment the field was marked in
        # (superuser for compute_sudo fields); the value is computed in the cache only
        target = env.check_todo(field, record)
        if target is None:  # computed on the way with an earlier field of its method
            continue
        value = target.browse(record.id)[field.name]
        values[field.name] = field.convert_to_write(value, record)
    with env.norecompute():
        if fresh:
            with fresh_insert(record, record):
                record._write(values)
        else:
            record._write(values)
    for field in pending:
        record._recompute_done(field)


def insert_rows(model, rows):
    """Insert ``rows`` (dicts of field values) of a model made of plain columns (no
    computed, related or x2many field in the rows) with one INSERT instead of one
    ``create`` each; values are converted by the model's own fields, the magic columns
    are what the ORM would write. Returns the new ids (in the order of ``rows``); the
    caller invalidates what it caches.
    """
    if not rows:
        return []
    names = sorted({name for row in rows for name in row})
    fields_ = [model._fields[name] for name in names]
    assert all(f.store and f.column_type and not f.compute for f in fields_), names
    uid = model.env.uid
    one = '(%s, %s, %%s, %%s, %s, %s)' % (
        "nextval('%s')" % model._sequence, ', '.join(['%s'] * len(names)),
        "(now() at time zone 'UTC')", "(now() at time zone 'UTC')")
    params = []
    for row in rows:
        params.extend(f.convert_to_column(row.get(f.name, False), model, row)
                      for f in fields_)
        params.extend([uid, uid])
    model.env.cr.execute(
        'INSERT INTO "%s" (id, %s, create_uid, write_uid, create_date, write_date) VALUES %s '
        'RETURNING id'
        % (model._table, ', '.join('"%s"' % n for n in names), ', '.join([one] * len(rows))),
        params)
    return [row[0] for row in model.env.cr.fetchall()]


def modified_new(records, fnames=None):
    """``records.modified(fnames)`` (every field by default, as ``_create`` calls it in
    Odoo 11) for records inserted a moment ago: the same invalidations (less the inverses
    of x2many fields right after the INSERT, see ``_after_insert_plan``) and the same own
    stored fields marked to compute, without the searches for other records that would
    refer to them through a many2one path (``res.company`` whose partner it is, children
    of a partner, assignments of a request …) — no row can refer to an id just taken
    from its sequence."""
    env = records.env
    if fnames is None:
        own, inverses, triggers = _after_insert_plan(records)
        invalids = [(field, records._ids) for field in own]
        invalids.extend((field, None) for field in inverses)
    else:
        invalids = []
        triggers = {}
        for mfield in [records._fields[name] for name in fnames]:
            invalids.append((mfield, records._ids))
            for field in records._field_inverses[mfield]:
                invalids.append((field, None))
            for field, path in records._field_triggers[mfield]:
                triggers.setdefault((field.model_name, path), set()).add(field)
    for (model_name, path), fields_ in triggers.items():
        stored = {field for field in fields_ if field.compute and field.store}
        if path and stored:
            if path == 'id':
                target0 = records
            elif _many2one_path(env, model_name, path):
                # a chain of many2one columns ending at the new id: no row has it yet
                target0 = env[model_name]
            else:
                # through a one2many (the new row's own many2one) or a many2many: as Odoo
                target0 = env(user=SUPERUSER_ID, context={'active_test': False})[
                    model_name].search([(path, 'in', records.ids)]).with_env(env)
            for field in stored:
                target = target0 - env.protected(field)
                if not target:
                    continue
                invalids.append((field, target._ids))
                if field.compute_sudo:
                    target = target.sudo()
                target._recompute_todo(field)
        for field in fields_ - stored:
            invalids.append((field, None))
    env.cache.invalidate(invalids)


def _after_insert_plan(records):
    """What ``modified`` of every field of a new record of this model touches, worked out
    once per registry and model (issue 19: the loop over 150–200 fields and their
    triggers at every registration): the model's own fields, the inverses to forget,
    and the fields to mark by (model, path).

    The inverses of x2many fields are not forgotten: the INSERT wrote columns only, so
    no other record's many2one or relation row changed; the x2many values of a create
    are written after it, and ``_create`` calls ``modified`` on those fields itself
    (Odoo's, with their inverses). Forgetting them made every user's partner be read
    again after a citizen profile was created (``res.users.partner_id``, inverse of the
    partner's ``user_ids``)."""
    return per_setup(records, 'hotline_after_insert_plan', _build_after_insert_plan)


def _build_after_insert_plan(records):
    own = list(records._fields.values())
    inverses = []
    triggers = {}
    for mfield in own:
        if mfield.type not in ('one2many', 'many2many'):
            inverses.extend(records._field_inverses[mfield])
        for field, path in records._field_triggers[mfield]:
            triggers.setdefault((field.model_name, path), set()).add(field)
    return own, inverses, triggers


def per_setup(records, key, build):
    """``build(records)``, worked out once per setup of the models and kept in the
    registry's method cache (``registry.cache``, as ``tools.ormcache`` keeps its values).
    Odoo sets the models up again after each module it installs or updates, in the same
    registry, with new field objects for the models that module changes and for every
    related field: what was worked out before would name fields of the previous setup (a
    request created by a later module's demo data then failed on them). The method cache
    is made anew by each setup (``lazy_property.reset_all`` of the registry), and emptied
    with the method caches."""
    cache = records.env.registry.cache
    cache_key = (key, records._name)
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = cache[cache_key] = build(records)
    return value


_MISSING = object()


def _many2one_path(env, model_name, path):
    model = env[model_name]
    for name in path.split('.'):
        field = model._fields.get(name)
        if field is None or field.type != 'many2one' or not field.store:
            return False
        model = env[field.comodel_name]
    return True


class fresh_insert(object):
    """Context manager around ``super()._create(vals)`` of one model: its first
    ``modified(self._fields)`` (right after the INSERT) is answered by ``modified_new``.
    With ``record`` (an id just inserted), every ``modified`` of that record inside the
    block is (used to write back its computed fields). With ``empty_x2many`` (the
    create's x2many values are all empty commands), so is the ``modified`` of those
    fields that ``_create`` calls after writing them: no row was linked to the new
    record, and Odoo's would search for records referring to it (the companies whose
    partner a new citizen profile is). The models' ``modified`` overrides ask
    ``fresh_modified``."""

    def __init__(self, model, record=None, empty_x2many=False):
        self.all = model.env.all
        self.mark = (model._name, record.id if record is not None else None, empty_x2many)

    def __enter__(self):
        self.saved = getattr(self.all, 'hotline_fresh_insert', None)
        self.all.hotline_fresh_insert = self.mark

    def __exit__(self, *exc):
        self.all.hotline_fresh_insert = self.saved


def fresh_modified(records, fnames):
    """``modified_new(records, …)`` and True when ``records.modified(fnames)`` is one that
    ``fresh_insert`` marked: the one of ``_create`` right after the INSERT (``unlink`` also
    passes ``self._fields``, but never from inside a create of its model; the mark is
    consumed, or moved to the new record with ``empty_x2many``), or any of the record
    given. False otherwise: call Odoo's."""
    mark = getattr(records.env.all, 'hotline_fresh_insert', None)
    if not mark or mark[0] != records._name:
        return False
    if mark[1] is None and fnames is records._fields:
        records.env.all.hotline_fresh_insert = \
            (records._name, records.id, False) if mark[2] and len(records) == 1 else None
        modified_new(records)
        return True
    if mark[1] is not None and records._ids == (mark[1],):
        modified_new(records, list(fnames))
        return True
    return False


def invalidate_thread_fields(env, model_name, res_id):
    """What ``_invalidate_documents`` of Odoo 11 (a message posted, a follower added)
    needs to forget of the document: the fields of mail.thread (``message_*``,
    ``website_message_ids``) and every field not stored (computed when read, maybe from
    those). Odoo 11 forgets every field of the document, so that a request registered
    is read from the database three more times while it is being created; its stored
    columns do not change by posting on it (a write does its own invalidation)."""
    if not res_id or model_name not in env:
        return
    model = env[model_name]
    # the names, once per setup of the model (issue 19: a request has some 200 fields,
    # looked through at every message and follower)
    fnames = per_setup(model, 'hotline_thread_fields', lambda model: [
        name for name, field in model._fields.items()
        if not field.store or name.startswith(('message_', 'website_message'))])
    model.invalidate_cache(fnames, [res_id])


# columns the INSERT fills itself (dates: the transaction's now(), not known here)
_NOT_CACHED = ('create_date', 'write_date', 'parent_left', 'parent_right')
_NOT_CACHED_TYPES = ('html', 'binary', 'monetary', 'reference', 'serialized')
# converted as a read would (rounding, date format); the others as written
_VALIDATED = ('float', 'date', 'datetime', 'integer', 'boolean')
EMPTY_X2MANY = ([], [(6, 0, [])], [[6, 0, []]], [(5,)], [(5, 0, 0)], False, None)


def cache_new_record(record, vals):
    """Issue 19: put into the cache what the INSERT of the one new ``record`` wrote, so
    that the computes, the tracking, the chatter line and the audit log of its creation
    read it from there instead of reading the row back (Odoo 11 forgets every field of a
    new record: a registration read its request twice and its citizen profile three
    times, 60 to 150 columns each). Cached: the plain stored columns (``vals`` after
    Odoo's defaults; a column missing from them is NULL), the stored computes given in
    ``vals`` (written by the INSERT), the creator, and the x2many fields that ``vals``
    leaves empty (no row can refer to an id just taken from its sequence). Not cached:
    translated, HTML and binary fields, computes still to do, and the dates the
    database sets."""
    env = record.env
    todo = env.all.todo
    # the record as the user and as the superuser (computes with compute_sudo) read it
    targets = [record] if env.uid == SUPERUSER_ID else [record, record.sudo()]
    for name, field, x2many in _cached_fields(record):
        if x2many:
            if vals.get(name) in EMPTY_X2MANY:
                for target in targets:
                    env.cache.set(target, field, ())
            continue
        if field.compute and (name not in vals or field in todo):
            continue
        if name in ('create_uid', 'write_uid'):
            value = env.uid
        else:
            value = vals.get(name, False)
        value = field.convert_to_cache(value, record, validate=field.type in _VALIDATED)
        for target in targets:
            env.cache.set(target, field, value)


def _cached_fields(record):
    """(name, field, is x2many) of the fields ``cache_new_record`` may cache, once per
    setup of the model."""
    return per_setup(record, 'hotline_cached_fields', _build_cached_fields)


def _build_cached_fields(record):
    plan = []
    for name, field in record._fields.items():
        if not field.store or name in _NOT_CACHED or field.type in _NOT_CACHED_TYPES \
                or getattr(field, 'translate', False) or getattr(field, 'sparse', None):
            continue
        x2many = field.type in ('one2many', 'many2many')
        if x2many or field.column_type:
            plan.append((name, field, x2many))
    return plan
