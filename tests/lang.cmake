# The kernel-C corpus (tests/lang/README.md): each tests/lang/NAME.c is one test,
# lang.NAME, that runs the program under the host gcc and under kctx and compares stdout
# and the exit status byte for byte. tests/lang/pending/ holds programs for features not
# built yet; they are not registered.
file(GLOB kctx_lang_programs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/lang/*.c)
foreach(src ${kctx_lang_programs})
  get_filename_component(name ${src} NAME_WE)
  add_test(NAME lang.${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/lang/check.sh $<TARGET_FILE:kctx> ${src}
            ${CMAKE_BINARY_DIR}/lang/${name})
endforeach()
