// A safetensors file (Hugging Face's weight format), memory-mapped and checked on open:
// u64 little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} and the
// raw tensor bytes. Every tensor's dtype, shape and byte range are validated against the file
// before anything reads it, so a truncated or corrupt file is an error, never a crash.
//
//   auto file = SafetensorsFile::open("model/model.safetensors");
//   const TensorInfo* embeddings = file->find("distilbert.embeddings.word_embeddings.weight");
//   file->read_f32(*embeddings, destination);  // F32, F16 or BF16 → float
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/result.h"

namespace adpilot::nlp {

enum class DType : uint8_t {
  kBool,
  kU8,
  kI8,
  kF8E5M2,
  kF8E4M3,
  kI16,
  kU16,
  kF16,
  kBF16,
  kI32,
  kU32,
  kF32,
  kF64,
  kI64,
  kU64,
};

const char* dtype_name(DType dtype);  // as in the file: "F32", "BF16", …
size_t dtype_size(DType dtype);       // bytes per element

struct TensorInfo {
  std::string name;
  DType dtype = DType::kF32;
  std::vector<int64_t> shape;
  uint64_t begin = 0;  // byte range within the data section
  uint64_t end = 0;

  int64_t numel() const;
  std::string shape_text() const;  // "[768, 3072]"
};

class SafetensorsFile {
 public:
  // Maps the file and validates the header: its length, the JSON, every dtype, shape and byte
  // range. Errors name the file and, where it applies, the tensor (context.field).
  static Result<SafetensorsFile> open(const std::string& path);

  SafetensorsFile(SafetensorsFile&& other) noexcept;
  SafetensorsFile& operator=(SafetensorsFile&& other) noexcept;
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;
  ~SafetensorsFile();

  const std::string& path() const { return path_; }
  const std::vector<TensorInfo>& tensors() const { return tensors_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  const TensorInfo* find(std::string_view name) const;

  // The tensor's bytes inside the mapping (valid while this object lives).
  const std::byte* data(const TensorInfo& tensor) const { return data_ + tensor.begin; }
  // Converts an F32, F16 or BF16 tensor to float; out.size() must equal numel().
  Result<void> read_f32(const TensorInfo& tensor, std::span<float> out) const;
  // Drops the tensor's pages from this process's resident set once it has been copied out
  // (they stay in the page cache; reading the tensor again faults them back in).
  void release(const TensorInfo& tensor) const;

 private:
  SafetensorsFile() = default;
  void unmap();

  std::string path_;
  void* mapping_ = nullptr;
  size_t mapping_size_ = 0;
  const std::byte* data_ = nullptr;
  std::vector<TensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;
};

// Half-precision conversions, exact (every F16 and BF16 value is a float).
float f16_to_f32(uint16_t bits);
float bf16_to_f32(uint16_t bits);
void convert_to_f32(DType dtype, const std::byte* source, size_t count, float* out);

}  // namespace adpilot::nlp
