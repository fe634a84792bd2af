# Turns a list of text files into a C++ source defining
#   const std::vector<EmbeddedFile>& <var>();
# so migrations and the OpenAPI document ship inside the binary.
function(fangkong_embed_files out_cpp var)
  set(body "#include \"store/embedded.h\"\nnamespace fangkong {\nconst std::vector<EmbeddedFile>& ${var}() {\n  static const std::vector<EmbeddedFile> files = {\n")
  foreach(f IN LISTS ARGN)
    file(READ "${f}" content)
    get_filename_component(name "${f}" NAME)
    string(APPEND body "    {\"${name}\", R\"FKEMBED(${content})FKEMBED\"},\n")
  endforeach()
  string(APPEND body "  };\n  return files;\n}\n}  // namespace fangkong\n")
  file(WRITE "${out_cpp}.tmp" "${body}")
  configure_file("${out_cpp}.tmp" "${out_cpp}" COPYONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARGN})
endfunction()
