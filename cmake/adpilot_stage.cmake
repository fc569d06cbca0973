# Shared compile settings and one helper that turns a stage folder into a library target.
set(ADPILOT_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
if(ADPILOT_WERROR)
  list(APPEND ADPILOT_WARNINGS -Werror)
endif()
if(ADPILOT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# adpilot_add_stage(<name> DEPS <targets...>): every .cpp under the stage's folder (detail/
# and sub-folders included) becomes the library adpilot_<name>; only listed stages are visible,
# so the one-way dependency rule of ARCHITECTURE.md is enforced by the build.
function(adpilot_add_stage name)
  cmake_parse_arguments(STAGE "" "" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(NOT sources)
    # A stage with headers only (or none yet) is still a target others can depend on.
    add_library(adpilot_${name} INTERFACE)
    target_include_directories(adpilot_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(adpilot_${name} INTERFACE ${STAGE_DEPS})
    return()
  endif()
  add_library(adpilot_${name} STATIC ${sources})
  target_include_directories(adpilot_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(adpilot_${name} PRIVATE ${ADPILOT_WARNINGS})
  target_link_libraries(adpilot_${name} PUBLIC ${STAGE_DEPS})
endfunction()
