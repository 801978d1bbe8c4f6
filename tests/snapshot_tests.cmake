# Compiled catalog snapshots (docs/snapshots.md): every golden command on a snapshot gives the
# YAML's bytes; corrupted and other-version snapshots are refused with the exact error; the
# snapshot limits at N and N + 1; the same rules give the same snapshot bytes; overlays are refused
# over a snapshot and can be compiled in; a catalog of several chunks reads as its rule file does.
foreach(case golden corrupt limits bytes overlay chunks)
  add_test(NAME snapshot.${case}
    COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/snapshot/snapshot_test.py
            $<TARGET_FILE:onething_cli> ${PROJECT_SOURCE_DIR} ${case})
  set_tests_properties(snapshot.${case} PROPERTIES TIMEOUT 600 LABELS snapshot)
endforeach()
