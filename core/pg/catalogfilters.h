#pragma once

namespace pgshift::core::sql {

// WHERE-clause fragment: relation `c` in namespace `n` belongs to the user, not to the system
// or to an extension (whose objects CREATE EXTENSION recreates on the target).
inline constexpr const char *UserRelation = R"sql(
       n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
   AND NOT EXISTS (SELECT 1 FROM pg_depend dep
                    WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                      AND dep.deptype = 'e')
)sql";

} // namespace pgshift::core::sql
