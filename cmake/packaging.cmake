# The Debian packages: `scripts/package` (cpack -G DEB in the build folder).
include(GNUInstallDirs)

# Two packages (docs/packaging.md): campdesk (the program for the office and the front desk: binary with its
# translations, desktop entry, icon, AppStream metainfo, man page) and campdesk-kiosk (the kiosk's systemd unit and
# user; depends on campdesk and cage). The payment simulator (campdesk-paysim) is a test tool and is not packaged.
set(doc_files ${PROJECT_SOURCE_DIR}/resources/debian/copyright ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz
    COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/resources/debian/changelog > ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz
    DEPENDS ${PROJECT_SOURCE_DIR}/resources/debian/changelog
    COMMENT "Debian changelog"
    VERBATIM)
add_custom_target(debian_changelog ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz)

install(FILES ${PROJECT_SOURCE_DIR}/resources/campdesk.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
        COMPONENT campdesk)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/campdesk.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT campdesk)
install(FILES ${PROJECT_SOURCE_DIR}/resources/org.campdesk.campdesk.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT campdesk)
install(FILES ${doc_files} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/campdesk COMPONENT campdesk)
install(FILES ${PROJECT_SOURCE_DIR}/resources/campdesk-kiosk.service DESTINATION lib/systemd/system COMPONENT kiosk)
install(FILES ${doc_files} DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/campdesk-kiosk COMPONENT kiosk)

# The man page: the program's --help, with the sections in resources/campdesk.h2m (files, environment, exit
# status). help2man when installed (scripts/deps installs it), else a small script.
find_program(HELP2MAN_EXECUTABLE help2man)
set(campdesk_man ${CMAKE_CURRENT_BINARY_DIR}/campdesk.1)
set(campdesk_h2m ${PROJECT_SOURCE_DIR}/resources/campdesk.h2m)
if(HELP2MAN_EXECUTABLE)
    set(man_command ${HELP2MAN_EXECUTABLE} --no-info --no-discard-stderr --section=1 --include=${campdesk_h2m}
        "--name=campground reservations: admin app, front desk and walk-in kiosk"
        --output=${campdesk_man} $<TARGET_FILE:campdesk>)
else()
    set(man_command sh ${PROJECT_SOURCE_DIR}/cmake/manpage.sh $<TARGET_FILE:campdesk> ${campdesk_man} ${campdesk_h2m})
endif()
add_custom_command(OUTPUT ${campdesk_man}.gz
    COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen ${man_command}
    COMMAND gzip -9nf ${campdesk_man}
    DEPENDS campdesk ${PROJECT_SOURCE_DIR}/cmake/manpage.sh ${campdesk_h2m}
    COMMENT "Man page campdesk.1 from campdesk --help"
    VERBATIM)
add_custom_target(manpage ALL DEPENDS ${campdesk_man}.gz)
install(FILES ${campdesk_man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT campdesk)

set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL campdesk kiosk)
set(CPACK_PACKAGE_NAME campdesk)
set(CPACK_PACKAGE_VENDOR "Campdesk")
set(CPACK_PACKAGE_CONTACT "Campdesk maintainers <maintainers@campdesk.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# campdesk: dpkg-shlibdeps finds the Qt, OpenSSL, curl, qrencode and keychain libraries the binary links; the Qt
# plugins loaded at run time (SQL drivers, SVG icons, the display) are named here. No compositor: that is the kiosk's.
set(CPACK_DEBIAN_CAMPDESK_PACKAGE_NAME campdesk)
set(CPACK_DEBIAN_CAMPDESK_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_CAMPDESK_PACKAGE_DEPENDS
    "libqt6sql6-sqlite, libqt6sql6-psql, libqt6svg6, qt6-qpa-plugins, fonts-noto-color-emoji")
set(CPACK_DEBIAN_CAMPDESK_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-noto-cjk")
set(CPACK_DEBIAN_CAMPDESK_PACKAGE_SUGGESTS "postgresql-client, campdesk-kiosk")
set(CPACK_DEBIAN_CAMPDESK_DESCRIPTION "campground reservations: admin app and front desk
Campdesk runs a campground: the manager's admin app and the front desk
on one shared database, a SQLite file or PostgreSQL. It takes bookings
with payment in the same step, check-ins, cancellations and refunds,
mileage points and reviews, and sends confirmations by e-mail and SMS.
Includes campdesk --check for monitoring and online backups.")

# campdesk-kiosk: the walk-in kiosk, full screen under cage on tty7 as its own user.
set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME campdesk-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "campdesk (= ${PROJECT_VERSION}), cage, qt6-wayland, adduser")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/resources/debian/postinst
    ${PROJECT_SOURCE_DIR}/resources/debian/prerm ${PROJECT_SOURCE_DIR}/resources/debian/postrm)
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "campground reservations: walk-in kiosk
The Campdesk walk-in kiosk, where customers book and pay on site: a
systemd unit that runs Campdesk full screen under the cage Wayland
compositor on tty7, as its own system user, restarted whenever it
stops. Enable it on the kiosk machine with
systemctl enable --now campdesk-kiosk.service.")
# Each package's summary is the first line of its own description (CPack would otherwise put the project's
# description in front of both).
set(CMAKE_PROJECT_DESCRIPTION "")
include(CPack)
