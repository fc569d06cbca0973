#include "adpilot/nlp/safetensors.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>

#include "adpilot/nlp/detail/error_context.h"

namespace adpilot::nlp {

namespace {

// Hugging Face refuses headers above 100 MB; a bigger length means a corrupt or foreign file.
constexpr uint64_t kMaxHeaderBytes = 100ULL << 20;

struct DTypeName {
  const char* name;
  DType dtype;
  size_t size;
};

constexpr DTypeName kDTypes[] = {
    {"BOOL", DType::kBool, 1},      {"U8", DType::kU8, 1},          {"I8", DType::kI8, 1},
    {"F8_E5M2", DType::kF8E5M2, 1}, {"F8_E4M3", DType::kF8E4M3, 1}, {"I16", DType::kI16, 2},
    {"U16", DType::kU16, 2},        {"F16", DType::kF16, 2},        {"BF16", DType::kBF16, 2},
    {"I32", DType::kI32, 4},        {"U32", DType::kU32, 4},        {"F32", DType::kF32, 4},
    {"F64", DType::kF64, 8},        {"I64", DType::kI64, 8},        {"U64", DType::kU64, 8},
};

Error file_error(ErrorCode code, const std::string& path, std::string message,
                 std::string hint = {}) {
  return make_error(code, std::move(message), detail::at_file(path), std::move(hint));
}

uint32_t float_bits(float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

float bits_float(uint32_t bits) {
  float value = 0;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

// Parses one header entry into tensor; returns an error message or "".
std::string parse_entry(const nlohmann::json& entry, uint64_t data_size, TensorInfo& tensor) {
  if (!entry.is_object()) {
    return "the header entry is not an object";
  }
  const auto dtype = entry.find("dtype");
  const auto shape = entry.find("shape");
  const auto offsets = entry.find("data_offsets");
  if (dtype == entry.end() || !dtype->is_string()) {
    return "the header entry has no dtype";
  }
  if (shape == entry.end() || !shape->is_array()) {
    return "the header entry has no shape";
  }
  if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2 ||
      !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned()) {
    return "the header entry has no data_offsets [begin, end]";
  }
  const std::string dtype_text = dtype->get<std::string>();
  size_t element_size = 0;
  for (const auto& known : kDTypes) {
    if (dtype_text == known.name) {
      tensor.dtype = known.dtype;
      element_size = known.size;
    }
  }
  if (element_size == 0) {
    return fmt::format("unknown dtype '{}'", dtype_text);
  }
  uint64_t numel = 1;
  for (const auto& dim : *shape) {
    if (!dim.is_number_unsigned()) {
      return "the shape holds a value that is not a non-negative integer";
    }
    const uint64_t size = dim.get<uint64_t>();
    if (size != 0 && numel > std::numeric_limits<uint64_t>::max() / 8 / size) {
      return "the shape is too large";
    }
    numel *= size;
    tensor.shape.push_back(static_cast<int64_t>(size));
  }
  tensor.begin = (*offsets)[0].get<uint64_t>();
  tensor.end = (*offsets)[1].get<uint64_t>();
  if (tensor.begin > tensor.end) {
    return fmt::format("data_offsets [{}, {}] are reversed", tensor.begin, tensor.end);
  }
  if (tensor.end > data_size) {
    return fmt::format(
        "data_offsets [{}, {}] run past the end of the data ({} bytes): the file "
        "is truncated or corrupt",
        tensor.begin, tensor.end, data_size);
  }
  if (tensor.end - tensor.begin != numel * element_size) {
    return fmt::format("{} bytes of data for shape {} of {} (expected {})",
                       tensor.end - tensor.begin, tensor.shape_text(), dtype_text,
                       numel * element_size);
  }
  return {};
}

}  // namespace

const char* dtype_name(DType dtype) {
  for (const auto& known : kDTypes) {
    if (known.dtype == dtype) {
      return known.name;
    }
  }
  return "?";
}

size_t dtype_size(DType dtype) {
  for (const auto& known : kDTypes) {
    if (known.dtype == dtype) {
      return known.size;
    }
  }
  return 0;
}

int64_t TensorInfo::numel() const {
  int64_t count = 1;
  for (const int64_t dim : shape) {
    count *= dim;
  }
  return count;
}

std::string TensorInfo::shape_text() const {
  return fmt::format("[{}]", fmt::join(shape, ", "));
}

Result<SafetensorsFile> SafetensorsFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return file_error(ErrorCode::kIo, path, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    return file_error(ErrorCode::kIo, path, fmt::format("cannot stat: {}", std::strerror(errno)));
  }
  const auto file_size = static_cast<uint64_t>(info.st_size);
  if (file_size < 8) {
    ::close(fd);
    return file_error(
        ErrorCode::kParse, path,
        fmt::format("truncated: {} bytes, shorter than the 8-byte header length", file_size));
  }
  void* mapping = ::mmap(nullptr, file_size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapping == MAP_FAILED) {
    return file_error(ErrorCode::kIo, path, fmt::format("cannot map: {}", std::strerror(errno)));
  }
  SafetensorsFile file;
  file.path_ = path;
  file.mapping_ = mapping;
  file.mapping_size_ = file_size;
  const auto* bytes = static_cast<const std::byte*>(mapping);

  uint64_t header_size = 0;
  for (int i = 7; i >= 0; --i) {
    header_size = (header_size << 8) | static_cast<uint64_t>(bytes[i]);
  }
  if (header_size > file_size - 8 || header_size > kMaxHeaderBytes) {
    return file_error(ErrorCode::kParse, path,
                      fmt::format("the header length {} runs past the end of the file ({} bytes): "
                                  "truncated, or not a safetensors file",
                                  header_size, file_size));
  }
  const auto* header_begin = reinterpret_cast<const char*>(bytes + 8);
  if (header_size == 0 || header_begin[0] != '{') {
    return file_error(ErrorCode::kParse, path, "the header is not a JSON object",
                      "is this a safetensors file? (pytorch_model.bin is not supported)");
  }
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(header_begin, header_begin + header_size);
  } catch (const nlohmann::json::parse_error& e) {
    return file_error(ErrorCode::kParse, path,
                      fmt::format("the JSON header is malformed: {}", e.what()));
  }
  if (!header.is_object()) {
    return file_error(ErrorCode::kParse, path, "the header is not a JSON object");
  }
  const uint64_t data_size = file_size - 8 - header_size;
  file.data_ = bytes + 8 + header_size;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (entry.is_object()) {
        for (const auto& [key, value] : entry.items()) {
          file.metadata_[key] = value.is_string() ? value.get<std::string>() : value.dump();
        }
      }
      continue;
    }
    TensorInfo tensor;
    tensor.name = name;
    if (std::string message = parse_entry(entry, data_size, tensor); !message.empty()) {
      return file_error(ErrorCode::kParse, path, fmt::format("tensor '{}': {}", name, message));
    }
    file.tensors_.push_back(std::move(tensor));
  }
  return file;
}

SafetensorsFile::SafetensorsFile(SafetensorsFile&& other) noexcept {
  *this = std::move(other);
}

SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&& other) noexcept {
  if (this != &other) {
    unmap();
    path_ = std::move(other.path_);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapping_size_ = std::exchange(other.mapping_size_, 0);
    data_ = std::exchange(other.data_, nullptr);
    tensors_ = std::move(other.tensors_);
    metadata_ = std::move(other.metadata_);
  }
  return *this;
}

SafetensorsFile::~SafetensorsFile() {
  unmap();
}

void SafetensorsFile::unmap() {
  if (mapping_ != nullptr) {
    ::munmap(mapping_, mapping_size_);
    mapping_ = nullptr;
  }
}

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
  for (const auto& tensor : tensors_) {
    if (tensor.name == name) {
      return &tensor;
    }
  }
  return nullptr;
}

Result<void> SafetensorsFile::read_f32(const TensorInfo& tensor, std::span<float> out) const {
  if (tensor.dtype != DType::kF32 && tensor.dtype != DType::kF16 && tensor.dtype != DType::kBF16) {
    return file_error(ErrorCode::kSchema, path_,
                      fmt::format("tensor '{}' has dtype {}; weights must be F32, F16 or BF16",
                                  tensor.name, dtype_name(tensor.dtype)));
  }
  ADP_ASSERT(static_cast<int64_t>(out.size()) == tensor.numel());
  convert_to_f32(tensor.dtype, data(tensor), out.size(), out.data());
  return {};
}

void SafetensorsFile::release(const TensorInfo& tensor) const {
  // Only the pages wholly inside the tensor: a neighbour used in place may share the edge pages.
  const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<uintptr_t>(data(tensor));
  const uintptr_t end = begin + (tensor.end - tensor.begin);
  const uintptr_t first = (begin + page - 1) / page * page;
  const uintptr_t last = end / page * page;
  if (last > first) {
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
  }
}

float f16_to_f32(uint16_t bits) {
  // Shift exponent and mantissa into place and rescale by 2^112: exact for normal and subnormal
  // halves alike; infinities and NaNs get the float exponent back.
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000U) << 16;
  const uint32_t magnitude = static_cast<uint32_t>(bits & 0x7fffU) << 13;
  float value = bits_float(magnitude) * bits_float(0x77800000U);
  uint32_t out = float_bits(value);
  if ((bits & 0x7c00U) == 0x7c00U) {
    out = 0x7f800000U | magnitude;
  }
  return bits_float(out | sign);
}

float bf16_to_f32(uint16_t bits) {
  return bits_float(static_cast<uint32_t>(bits) << 16);
}

void convert_to_f32(DType dtype, const std::byte* source, size_t count, float* out) {
  switch (dtype) {
    case DType::kF32:
      std::memcpy(out, source, count * sizeof(float));
      return;
    case DType::kF16:
    case DType::kBF16: {
      const bool half = dtype == DType::kF16;
      for (size_t i = 0; i < count; ++i) {
        uint16_t bits = 0;
        std::memcpy(&bits, source + 2 * i, sizeof bits);
        out[i] = half ? f16_to_f32(bits) : bf16_to_f32(bits);
      }
      return;
    }
    default:
      ADP_ASSERT(false && "convert_to_f32 takes F32, F16 or BF16");
  }
}

}  // namespace adpilot::nlp
