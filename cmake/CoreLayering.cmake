# core is the migration engine: Qt6::Core, libpq and spdlog only. The wizard and the CLI sit on
# top of it; a GUI dependency in core would make the CLI need a display and blur the layers.

set(PGSHIFT_CORE_ALLOWED_LINKS Qt6::Core PostgreSQL::PostgreSQL spdlog::spdlog pgshift_strict)

# Fails the configure step when core links anything beyond its allowed set.
function(pgshift_check_core_layering target)
    get_target_property(links ${target} LINK_LIBRARIES)
    get_target_property(ilinks ${target} INTERFACE_LINK_LIBRARIES)
    foreach(lib IN LISTS links ilinks)
        if(lib STREQUAL "links-NOTFOUND" OR lib STREQUAL "ilinks-NOTFOUND" OR lib STREQUAL "")
            continue()
        endif()
        # Core's own embedded resources arrive as a generator expression over an object library.
        if(lib MATCHES "TARGET_OBJECTS:\\$<TARGET_NAME:${target}_resources_[0-9]+>"
           OR lib MATCHES "^${target}_resources_[0-9]+$")
            continue()
        endif()
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" bare "${lib}")
        if(NOT bare IN_LIST PGSHIFT_CORE_ALLOWED_LINKS)
            message(FATAL_ERROR
                "${target} links '${bare}', but core may link only: ${PGSHIFT_CORE_ALLOWED_LINKS}")
        endif()
    endforeach()
endfunction()
