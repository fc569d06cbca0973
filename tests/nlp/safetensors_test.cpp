// The safetensors reader on files written byte by byte here: the happy path with each float
// dtype, and every check of the header (length, JSON, dtype, shape, offsets) failing cleanly.
#include "adpilot/nlp/safetensors.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace adpilot::nlp {
namespace {

class SafetensorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             (std::string("adpilot_st_") +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".safetensors"))
                .string();
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // u64 little-endian header length (or the given one), the header, the data.
  void write(const std::string& header, const std::string& data, int64_t header_length = -1) {
    const uint64_t length =
        header_length < 0 ? header.size() : static_cast<uint64_t>(header_length);
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i) {
      bytes[static_cast<size_t>(i)] = static_cast<char>((length >> (8 * i)) & 0xff);
    }
    std::ofstream(path_, std::ios::binary) << bytes << header << data;
  }

  Error open_error() {
    auto file = SafetensorsFile::open(path_);
    EXPECT_FALSE(file.ok());
    return file.ok() ? Error{} : file.error();
  }

  std::string path_;
};

std::string floats(std::initializer_list<float> values) {
  std::string out(values.size() * 4, '\0');
  std::memcpy(out.data(), values.begin(), out.size());
  return out;
}

TEST_F(SafetensorsTest, ReadsF32F16AndBf16) {
  // F16 1.0 = 0x3c00, -2.5 = 0xc100, 2^-24 (smallest subnormal) = 0x0001; BF16 1.5 = 0x3fc0.
  const std::string f16("\x00\x3c\x00\xc1\x01\x00", 6);
  const std::string bf16("\xc0\x3f", 2);
  const std::string f32 = floats({0.5f, -1.0f});
  write(R"({"__metadata__":{"format":"pt"},)"
        R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
        R"("b":{"dtype":"F16","shape":[1,3],"data_offsets":[8,14]},)"
        R"("c":{"dtype":"BF16","shape":[1],"data_offsets":[14,16]}})",
        f32 + f16 + bf16);
  auto file = SafetensorsFile::open(path_);
  ASSERT_TRUE(file.ok()) << file.error().to_string();
  EXPECT_EQ(file->tensors().size(), 3U);
  EXPECT_EQ(file->metadata().at("format"), "pt");
  std::vector<float> out(3);
  ASSERT_TRUE(file->read_f32(*file->find("b"), out).ok());
  EXPECT_EQ(out, (std::vector<float>{1.0f, -2.5f, std::ldexp(1.0f, -24)}));
  out.resize(1);
  ASSERT_TRUE(file->read_f32(*file->find("c"), out).ok());
  EXPECT_EQ(out[0], 1.5f);
  out.resize(2);
  ASSERT_TRUE(file->read_f32(*file->find("a"), out).ok());
  EXPECT_EQ(out, (std::vector<float>{0.5f, -1.0f}));
  EXPECT_EQ(file->find("b")->shape_text(), "[1, 3]");
  EXPECT_EQ(file->find("missing"), nullptr);
}

TEST(HalfFloats, SpecialValues) {
  EXPECT_EQ(f16_to_f32(0x7bff), 65504.0f);  // largest half
  EXPECT_TRUE(std::isinf(f16_to_f32(0x7c00)));
  EXPECT_TRUE(std::isnan(f16_to_f32(0x7e00)));
  EXPECT_EQ(f16_to_f32(0x8000), -0.0f);
  EXPECT_TRUE(std::signbit(f16_to_f32(0x8000)));
  EXPECT_EQ(f16_to_f32(0x03ff), std::ldexp(1023.0f, -24));  // largest subnormal
  EXPECT_EQ(bf16_to_f32(0xbf80), -1.0f);
}

TEST_F(SafetensorsTest, ShorterThanTheLengthFieldIsTruncated) {
  std::ofstream(path_, std::ios::binary) << "abc";
  const Error error = open_error();
  EXPECT_EQ(error.code, ErrorCode::kParse);
  EXPECT_NE(error.message.find("truncated"), std::string::npos);
  EXPECT_EQ(error.context.file, path_);
}

TEST_F(SafetensorsTest, HeaderLengthPastTheEnd) {
  write(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", floats({1.0f}), 1000);
  const Error error = open_error();
  EXPECT_NE(error.message.find("header length 1000"), std::string::npos) << error.message;
}

TEST_F(SafetensorsTest, MalformedJson) {
  write(R"({"a":{"dtype":"F32",)", "");
  const Error error = open_error();
  EXPECT_NE(error.message.find("JSON"), std::string::npos) << error.message;
}

TEST_F(SafetensorsTest, NotSafetensorsAtAll) {
  write("PK\x03\x04 a zip file (pytorch_model.bin)", "");
  const Error error = open_error();
  EXPECT_NE(error.message.find("not a JSON object"), std::string::npos) << error.message;
  EXPECT_NE(error.hint.find("pytorch_model.bin"), std::string::npos);
}

TEST_F(SafetensorsTest, UnknownDtypeNamesTheTensor) {
  write(R"({"w":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}})", floats({1.0f}));
  const Error error = open_error();
  EXPECT_EQ(error.message, "tensor 'w': unknown dtype 'F12'");
  EXPECT_EQ(error.context.file, path_);
}

TEST_F(SafetensorsTest, OffsetsPastTheDataMeanTruncation) {
  write(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", floats({1.0f, 2.0f}));
  const Error error = open_error();
  EXPECT_NE(
      error.message.find("tensor 'w': data_offsets [0, 16] run past the end of the data (8 bytes)"),
      std::string::npos)
      << error.message;
}

TEST_F(SafetensorsTest, ByteCountMustMatchTheShape) {
  write(R"({"w":{"dtype":"F16","shape":[2,2],"data_offsets":[0,4]}})", floats({1.0f}));
  const Error error = open_error();
  EXPECT_NE(error.message.find("4 bytes of data for shape [2, 2] of F16 (expected 8)"),
            std::string::npos)
      << error.message;
}

TEST_F(SafetensorsTest, ReversedOffsetsAndBadShapes) {
  write(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}})", floats({1.0f}));
  EXPECT_NE(open_error().message.find("reversed"), std::string::npos);
  write(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", floats({1.0f}));
  EXPECT_NE(open_error().message.find("non-negative integer"), std::string::npos);
  write(R"({"w":{"dtype":"F32","shape":[1]}})", floats({1.0f}));
  EXPECT_NE(open_error().message.find("data_offsets"), std::string::npos);
}

TEST_F(SafetensorsTest, IntegerTensorsAreListedButNotReadAsWeights) {
  write(R"({"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}})", std::string(8, '\0'));
  auto file = SafetensorsFile::open(path_);
  ASSERT_TRUE(file.ok()) << file.error().to_string();
  std::vector<float> out(1);
  const auto read = file->read_f32(*file->find("ids"), out);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message.find("dtype I64"), std::string::npos);
}

TEST(Safetensors, MissingFile) {
  auto file = SafetensorsFile::open("/nonexistent/model.safetensors");
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, ErrorCode::kIo);
}

}  // namespace
}  // namespace adpilot::nlp
