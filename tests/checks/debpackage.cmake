# The Debian package as a user gets it: cpack builds it from this build tree into a temporary
# folder, dpkg-deb unpacks it into a clean prefix, and there the binary prints its version,
# the menu entry, icon and AppStream metainfo are where desktops look, the metainfo and the
# menu entry validate, and the package declares what pgshift needs at run time.
# -DBUILD=<build dir> -DVERSION=<x.y.z>
set(work "${BUILD}/package-check")
file(REMOVE_RECURSE "${work}")
file(MAKE_DIRECTORY "${work}/prefix")

execute_process(COMMAND cpack -G DEB -B "${work}" --config "${BUILD}/CPackConfig.cmake"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack failed:\n${out}\n${err}")
endif()
file(GLOB debs "${work}/*.deb")
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${work}, found: ${debs}")
endif()
execute_process(COMMAND dpkg-deb -x "${debs}" "${work}/prefix" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -x failed: ${err}")
endif()

foreach(path usr/bin/pgshift
             usr/share/applications/io.pgshift.pgshift.desktop
             usr/share/metainfo/io.pgshift.pgshift.metainfo.xml
             usr/share/icons/hicolor/scalable/apps/pgshift.svg)
    if(NOT EXISTS "${work}/prefix/${path}")
        message(FATAL_ERROR "the package has no /${path}")
    endif()
endforeach()

execute_process(COMMAND "${work}/prefix/usr/bin/pgshift" --version
                RESULT_VARIABLE rc OUTPUT_VARIABLE version ERROR_VARIABLE err)
string(STRIP "${version}" version)
if(NOT rc EQUAL 0 OR NOT version STREQUAL "pgshift ${VERSION}")
    message(FATAL_ERROR "the installed pgshift --version printed '${version}' (exit ${rc}): ${err}")
endif()

execute_process(COMMAND dpkg-deb -f "${debs}" Depends Recommends Version OUTPUT_VARIABLE fields)
foreach(needed "libqt6widgets6" "libqt6charts6" "libpq5" "postgresql-client" "libqt6svg6" "qt6-qpa-plugins"
               "Recommends: qt6-translations-l10n" "Version: ${VERSION}")
    string(FIND "${fields}" "${needed}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the package's control fields lack ${needed}:\n${fields}")
    endif()
endforeach()

find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
    execute_process(COMMAND ${APPSTREAMCLI} validate --no-net
                            "${work}/prefix/usr/share/metainfo/io.pgshift.pgshift.metainfo.xml"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "appstreamcli validate failed:\n${out}${err}")
    endif()
endif()
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
if(DESKTOP_FILE_VALIDATE)
    execute_process(COMMAND ${DESKTOP_FILE_VALIDATE} "${work}/prefix/usr/share/applications/io.pgshift.pgshift.desktop"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
        message(FATAL_ERROR "desktop-file-validate: ${out}${err}")
    endif()
endif()
# The menu entry and the software centre's text speak the languages the program speaks.
file(READ "${work}/prefix/usr/share/applications/io.pgshift.pgshift.desktop" desktop)
file(READ "${work}/prefix/usr/share/metainfo/io.pgshift.pgshift.metainfo.xml" metainfo)
foreach(lang de es fr ja)
    foreach(needed "Comment[${lang}]=" "GenericName[${lang}]=")
        string(FIND "${desktop}" "${needed}" at)
        if(at EQUAL -1)
            message(FATAL_ERROR "the menu entry has no ${needed}")
        endif()
    endforeach()
    string(FIND "${metainfo}" "<summary xml:lang=\"${lang}\">" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the metainfo has no summary in ${lang}")
    endif()
endforeach()
message(STATUS "${debs}: ${version}, installs and validates")
file(REMOVE_RECURSE "${work}")
