# Configures, builds and runs examples/otp-users the way a user would, with this build's
# apigen; fails unless it prints the users of the input response.
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY}
                  -DAPIGEN_ROOT=${ROOT} -DAPIGEN_EXECUTABLE=${APIGEN}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configure failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BINARY} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "build failed: ${rc}")
endif()
execute_process(COMMAND ${BINARY}/otp_users INPUT_FILE ${INPUT}
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(rc OR NOT out STREQUAL "5f8d0d55b54764421b7156c3 ada@example.com downloads=9007199254740991\n")
  message(FATAL_ERROR "unexpected result ${rc}: '${out}'")
endif()
message(STATUS "1 passed, 0 failed")
