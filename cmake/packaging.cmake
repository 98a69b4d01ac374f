# The Debian package: `scripts/package` (cpack -G DEB in the build folder).
# The binary (translations are embedded in it), campdesk-paysim when it is built, the desktop entry, the icon,
# the kiosk's systemd unit and a man page generated from `campdesk --help`.
include(GNUInstallDirs)

if(TARGET campdesk-paysim)
    install(TARGETS campdesk-paysim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES ${PROJECT_SOURCE_DIR}/resources/campdesk.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/campdesk.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/campdesk-kiosk.service DESTINATION lib/systemd/system)

# The man page, from the built program's --help: help2man when installed, else a small script.
find_program(HELP2MAN_EXECUTABLE help2man)
set(campdesk_man ${CMAKE_CURRENT_BINARY_DIR}/campdesk.1)
if(HELP2MAN_EXECUTABLE)
    set(man_command ${HELP2MAN_EXECUTABLE} --no-info --no-discard-stderr --section=1
        "--name=campground reservations: admin app, front desk and walk-in kiosk"
        --output=${campdesk_man} $<TARGET_FILE:campdesk>)
else()
    set(man_command sh ${PROJECT_SOURCE_DIR}/cmake/manpage.sh $<TARGET_FILE:campdesk> ${campdesk_man})
endif()
add_custom_command(OUTPUT ${campdesk_man}.gz
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${man_command}
    COMMAND gzip -9nf ${campdesk_man}
    DEPENDS campdesk ${PROJECT_SOURCE_DIR}/cmake/manpage.sh
    COMMENT "Man page campdesk.1 from campdesk --help"
    VERBATIM)
add_custom_target(manpage ALL DEPENDS ${campdesk_man}.gz)
install(FILES ${campdesk_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME campdesk)
set(CPACK_PACKAGE_VENDOR "Campdesk")
set(CPACK_PACKAGE_CONTACT "Campdesk maintainers <maintainers@campdesk.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "Campdesk runs a campground: the manager's admin app, the front desk and a
locked-down walk-in kiosk (under the cage compositor) on one shared database, a SQLite
file or PostgreSQL. Includes `campdesk --check` for monitoring and online backups.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps finds the Qt, OpenSSL, curl, qrencode and keychain libraries the binary links; the Qt plugins
# loaded at run time (SQL drivers, SVG icons) and the kiosk compositor are named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, libqt6svg6, qt6-qpa-plugins, qt6-wayland, cage, adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/resources/debian/postinst ${PROJECT_SOURCE_DIR}/resources/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
