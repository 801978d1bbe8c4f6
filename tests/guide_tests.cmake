# `onething guide --interactive`: through a real pseudo-terminal (Debian's python3-pexpect), with
# piped answers, stopped early, and interrupted by Ctrl-C (tests/guide/interactive_test.py).
foreach(case terminal piped stopped interrupted over_rules facts_limit)
  add_test(NAME guide.interactive.${case}
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/guide/interactive_test.py
            $<TARGET_FILE:onething_cli> ${CMAKE_CURRENT_SOURCE_DIR}/data/guide/interactive.yaml
            ${case})
  set_tests_properties(guide.interactive.${case} PROPERTIES TIMEOUT 60 LABELS guide)
endforeach()
