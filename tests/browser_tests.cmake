# The studio and the HTML pages in a real browser: headless Chromium (Debian's chromium and
# chromium-driver) driven by Selenium (python3-selenium) from tests/browser/browser_test.py,
# against a real `onething serve` on 127.0.0.1. Screenshots go to the build's browser folder.
set(_browser_script ${CMAKE_CURRENT_SOURCE_DIR}/browser/browser_test.py)
set(_browser_out ${CMAKE_CURRENT_BINARY_DIR}/browser)
# studio-odd runs on the test catalogs of tests/data/studio (odd ids, bounds and patterns;
# right-to-left names; none).
foreach(case studio studio-odd pages)
  if(case STREQUAL "studio-odd")
    set(_browser_rules ${PROJECT_SOURCE_DIR}/tests/data/studio)
  else()
    set(_browser_rules ${PROJECT_SOURCE_DIR}/rules)
  endif()
  add_test(NAME browser.${case}
    COMMAND /usr/bin/python3 ${_browser_script} $<TARGET_FILE:onething_cli>
            ${_browser_rules} ${_browser_out} ${case})
  # 77: SKIP where chromium, chromium-driver or python3-selenium are missing.
  set_tests_properties(browser.${case} PROPERTIES TIMEOUT 300 LABELS browser SKIP_RETURN_CODE 77
    ENVIRONMENT "PYTHONDONTWRITEBYTECODE=1")
endforeach()
