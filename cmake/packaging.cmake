# `cpack -G DEB` in the build folder: the host and CLI as a Debian package whose post-install
# registers the host system-wide for every browser and whose removal unregisters it.
set(CPACK_PACKAGE_NAME handleguard)
set(CPACK_PACKAGE_VENDOR "handleguard")
set(CPACK_PACKAGE_CONTACT "handleguard maintainers <maintainers@handleguard.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Stops X posts from the wrong account or against a client's rules")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/installer/debian/postinst
  ${PROJECT_SOURCE_DIR}/installer/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_GENERATOR DEB)
include(CPack)
