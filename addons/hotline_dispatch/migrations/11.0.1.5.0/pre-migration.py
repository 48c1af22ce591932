# Copyright 2026 The 12345 Hotline Authors
# License AGPL-3.0 or later (http://www.gnu.org/licenses/agpl).
"""NF-2: the units' record rule on assignments reads two new stored fields — the unit above
(``parent_unit_id``) and the units below (``child_unit_ids``). They are filled here in two
set-based statements, before the ORM sees them, so that a city's millions of assignments are
not recomputed one by one by the update."""


def migrate(cr, version):
    cr.execute('ALTER TABLE hotline_ticket_assignment '
               'ADD COLUMN IF NOT EXISTS parent_unit_id integer')
    cr.execute("""
        UPDATE hotline_ticket_assignment a SET parent_unit_id = p.unit_id
          FROM hotline_ticket_assignment p
         WHERE p.id = a.parent_id AND a.parent_unit_id IS DISTINCT FROM p.unit_id""")
    cr.execute("SELECT to_regclass('hotline_assignment_child_unit_rel')")
    if cr.fetchone()[0]:
        return
    # the table as the ORM creates a many2many relation, with its foreign keys
    cr.execute("""
        CREATE TABLE hotline_assignment_child_unit_rel (
            assignment_id integer NOT NULL
                REFERENCES hotline_ticket_assignment (id) ON DELETE CASCADE,
            unit_id integer NOT NULL REFERENCES hotline_unit (id) ON DELETE CASCADE,
            UNIQUE (assignment_id, unit_id));
        COMMENT ON TABLE hotline_assignment_child_unit_rel IS
            'RELATION BETWEEN hotline_ticket_assignment AND hotline_unit';
        CREATE INDEX ON hotline_assignment_child_unit_rel (assignment_id);
        CREATE INDEX ON hotline_assignment_child_unit_rel (unit_id);
        INSERT INTO hotline_assignment_child_unit_rel (assignment_id, unit_id)
        SELECT DISTINCT parent_id, unit_id FROM hotline_ticket_assignment
         WHERE parent_id IS NOT NULL""")
