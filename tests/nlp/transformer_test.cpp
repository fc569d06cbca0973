// The transformer against an independent NumPy implementation of the same forward pass
// (tests/nlp/reference/numpy_forward.py) on tiny random checkpoints written by
// tests/nlp/reference/make_tiny_checkpoint.py: DistilBERT and BERT, F32, F16 and BF16 weights.
// Needs python3 with NumPy (scripts/setup.sh installs python3-numpy); skipped with a reason when
// neither `python3` nor /usr/bin/python3 can import numpy. ADPILOT_PYTHON picks another one.
#include "adpilot/nlp/transformer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "adpilot/nlp/transformer_sentiment.h"

namespace adpilot::nlp {
namespace {

namespace fs = std::filesystem;

const std::string kReference = std::string(ADPILOT_SOURCE_DIR) + "/tests/nlp/reference";

std::string quote(const std::string& text) {
  return "'" + text + "'";
}

const std::optional<std::string>& python_with_numpy() {
  static const std::optional<std::string> found = []() -> std::optional<std::string> {
    std::vector<std::string> candidates;
    if (const char* chosen = std::getenv("ADPILOT_PYTHON")) {
      candidates.emplace_back(chosen);
    }
    candidates.emplace_back("python3");
    candidates.emplace_back("/usr/bin/python3");
    for (const auto& python : candidates) {
      if (std::system((python + " -c 'import numpy' >/dev/null 2>&1").c_str()) == 0) {
        return python;
      }
    }
    return std::nullopt;
  }();
  return found;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "adpilot_nn_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

class TinyCheckpoint : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!python_with_numpy()) {
      GTEST_SKIP()
          << "skipped: no python3 with NumPy (install python3-numpy, or set ADPILOT_PYTHON)";
    }
  }

  // Writes a checkpoint into dir/name and returns its path.
  std::string make_checkpoint(const std::string& name, const std::string& arguments) {
    const std::string out = dir_.path() + "/" + name;
    const std::string command = *python_with_numpy() + " " +
                                quote(kReference + "/make_tiny_checkpoint.py") + " --out " +
                                quote(out) + " " + arguments;
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return out;
  }

  std::vector<std::vector<double>> reference_logits(const std::string& checkpoint,
                                                    const TokenBatch& batch) {
    nlohmann::json input;
    for (int row = 0; row < batch.batch; ++row) {
      const auto begin = static_cast<std::ptrdiff_t>(row) * batch.seq_len;
      input["ids"].push_back(std::vector<int32_t>(batch.ids.begin() + begin,
                                                  batch.ids.begin() + begin + batch.seq_len));
      input["mask"].push_back(std::vector<int32_t>(batch.mask.begin() + begin,
                                                   batch.mask.begin() + begin + batch.seq_len));
    }
    const std::string input_path = dir_.path() + "/batch.json";
    const std::string output_path = dir_.path() + "/logits.json";
    std::ofstream(input_path) << input.dump();
    const std::string command = *python_with_numpy() + " " +
                                quote(kReference + "/numpy_forward.py") + " " + quote(checkpoint) +
                                " " + quote(input_path) + " > " + quote(output_path);
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return nlohmann::json::parse(read_text(output_path))
        .at("logits")
        .get<std::vector<std::vector<double>>>();
  }

  // Random ids, several lengths, right padding, and one row with a masked hole in the middle.
  static TokenBatch random_batch(int vocab, int seq_len, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int32_t> token(5, vocab - 1);
    const std::vector<int> lengths{seq_len, 1, 2, seq_len / 2, seq_len - 1, seq_len};
    TokenBatch batch;
    batch.batch = static_cast<int32_t>(lengths.size());
    batch.seq_len = seq_len;
    for (size_t row = 0; row < lengths.size(); ++row) {
      for (int pos = 0; pos < seq_len; ++pos) {
        const bool real = pos < lengths[row];
        batch.ids.push_back(pos == 0 ? 2 : real ? token(rng) : 0);
        batch.mask.push_back(real ? 1 : 0);
      }
    }
    batch.mask[static_cast<size_t>(5 * seq_len + 3)] = 0;  // the hole
    return batch;
  }

  double max_difference(const std::string& checkpoint, Model& model, const TokenBatch& batch) {
    auto logits = model.forward(batch);
    EXPECT_TRUE(logits.ok()) << logits.error().to_string();
    if (!logits.ok()) {
      return 1e9;
    }
    const auto expected = reference_logits(checkpoint, batch);
    const size_t labels = model.config().labels.size();
    EXPECT_EQ(expected.size(), static_cast<size_t>(batch.batch));
    EXPECT_EQ(logits->size(), expected.size() * labels);
    double worst = 0;
    double spread = 0;
    for (size_t row = 0; row < expected.size(); ++row) {
      for (size_t label = 0; label < labels; ++label) {
        worst = std::max(worst, std::abs((*logits)[row * labels + label] - expected[row][label]));
        spread = std::max(spread, std::abs(expected[row][label] - expected[0][label]));
      }
    }
    EXPECT_GT(spread, 0.05) << "the texts should get clearly different logits";
    return worst;
  }

  TempDir dir_;
};

struct Variant {
  const char* name;
  const char* arguments;
};

TEST_F(TinyCheckpoint, LogitsMatchTheNumpyReference) {
  const Variant variants[] = {
      {"distilbert_f32", "--arch distilbert --dtype F32 --seed 1"},
      {"distilbert_f16", "--arch distilbert --dtype F16 --seed 2"},
      {"distilbert_bf16", "--arch distilbert --dtype BF16 --seed 3"},
      {"bert_f32", "--arch bert --dtype F32 --seed 4 --labels 3"},
      {"bert_bf16", "--arch bert --dtype BF16 --seed 5 --layers 3"},
  };
  for (const Variant& variant : variants) {
    const std::string checkpoint = make_checkpoint(variant.name, variant.arguments);
    auto model = load_model(checkpoint, default_params());
    ASSERT_TRUE(model.ok()) << variant.name << ": " << model.error().to_string();
    const TokenBatch batch = random_batch(model->config().vocab_size, 11, 42);
    const double worst = max_difference(checkpoint, *model, batch);
    EXPECT_LE(worst, 1e-4) << variant.name;
    std::printf("[          ] %s: max |logit difference| vs NumPy = %.2e\n", variant.name, worst);
  }
}

TEST_F(TinyCheckpoint, ConfigLabelsAndTokenizerComeFromTheFolder) {
  const std::string checkpoint = make_checkpoint("bert3", "--arch bert --labels 3 --layers 1");
  auto model = load_model(checkpoint, default_params());
  ASSERT_TRUE(model.ok()) << model.error().to_string();
  EXPECT_EQ(model->config().architecture, Architecture::kBert);
  EXPECT_EQ(model->config().name, "tiny-random-bert");
  EXPECT_EQ(model->config().labels, (std::vector<std::string>{"CLASS_0", "CLASS_1", "CLASS_2"}));
  EXPECT_EQ(model->max_length(), 64);  // tokenizer_config.json's model_max_length
  EXPECT_EQ(model->tokenizer().tokenize("Great DEALS!"),
            (std::vector<std::string>{"great", "deals", "!"}));
}

TEST_F(TinyCheckpoint, PredictMatchesOneTextAtATimeWhateverTheThreads) {
  const std::string checkpoint = make_checkpoint("distilbert", "--seed 7");
  const std::vector<std::string> texts{"Free shipping on every order today!",
                                       "terrible",
                                       "Summer sale: save 50% on shoes and bags",
                                       "",
                                       "the best deals online, fast delivery and low prices",
                                       "love it"};
  std::vector<std::vector<float>> baseline;
  for (int threads : {1, 2}) {
    for (GemmThreading threading : {GemmThreading::kPool, GemmThreading::kBlas}) {
      ModelParams params = default_params();
      params.threads = threads;
      params.gemm_threading = threading;
      params.max_batch = 4;  // two passes, texts sorted by length across them
      auto model = load_model(checkpoint, params);
      ASSERT_TRUE(model.ok()) << model.error().to_string();
      auto predictions = model->predict(texts);
      ASSERT_TRUE(predictions.ok()) << predictions.error().to_string();
      ASSERT_EQ(predictions->size(), texts.size());
      for (size_t i = 0; i < texts.size(); ++i) {
        const auto ids = model->tokenizer().encode(texts[i], model->max_length());
        TokenBatch single{1, static_cast<int32_t>(ids.size()), ids,
                          std::vector<int32_t>(ids.size(), 1)};
        auto logits = model->forward(single);
        ASSERT_TRUE(logits.ok());
        const Prediction& p = (*predictions)[i];
        ASSERT_EQ(p.logits.size(), 2U);
        EXPECT_NEAR(p.logits[0], (*logits)[0], 1e-5) << texts[i];
        EXPECT_NEAR(p.logits[1], (*logits)[1], 1e-5) << texts[i];
        EXPECT_NEAR(p.probabilities[0] + p.probabilities[1], 1.0, 1e-6);
        EXPECT_EQ(p.label, p.logits[1] > p.logits[0] ? 1 : 0);
        if (baseline.size() < texts.size()) {
          baseline.push_back(p.logits);
        } else {
          EXPECT_NEAR(p.logits[0], baseline[i][0], 1e-5) << threads << " threads";
          EXPECT_NEAR(p.logits[1], baseline[i][1], 1e-5) << threads << " threads";
        }
      }
    }
  }
}

TEST_F(TinyCheckpoint, ProgressIsReportedAndCanCancel) {
  const std::string checkpoint = make_checkpoint("progress", "--dtype F16");
  std::vector<float> seen;
  ModelParams params = default_params();
  params.progress = [&](float fraction) {
    seen.push_back(fraction);
    return true;
  };
  ASSERT_TRUE(load_model(checkpoint, params).ok());
  ASSERT_GT(seen.size(), 10U);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), 1.0f);

  params.progress = [](float fraction) { return fraction < 0.5f; };
  auto cancelled = load_model(checkpoint, params);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_NE(cancelled.error().message.find("cancelled"), std::string::npos);
}

// Rewrites model.safetensors with an edited header (same data).
void edit_header(const std::string& checkpoint, const std::function<void(nlohmann::json&)>& edit) {
  const std::string path = checkpoint + "/model.safetensors";
  const std::string bytes = read_text(path);
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) {
    length = (length << 8) | static_cast<unsigned char>(bytes[static_cast<size_t>(i)]);
  }
  auto header = nlohmann::json::parse(bytes.substr(8, length));
  edit(header);
  std::string text = header.dump();
  std::string prefix(8, '\0');
  for (int i = 0; i < 8; ++i) {
    prefix[static_cast<size_t>(i)] = static_cast<char>((text.size() >> (8 * i)) & 0xff);
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      << prefix << text << bytes.substr(8 + length);
}

TEST_F(TinyCheckpoint, MissingTensorIsNamed) {
  const std::string checkpoint = make_checkpoint("missing", "");
  const std::string name = "distilbert.transformer.layer.1.ffn.lin2.weight";
  edit_header(checkpoint, [&](nlohmann::json& header) {
    header["renamed.weight"] = header[name];
    header.erase(name);
  });
  auto model = load_model(checkpoint, default_params());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, ErrorCode::kSchema);
  EXPECT_EQ(model.error().message, "missing tensor '" + name + "'");
  EXPECT_EQ(model.error().context.file, checkpoint + "/model.safetensors");
}

TEST_F(TinyCheckpoint, WrongShapeIsNamed) {
  const std::string checkpoint = make_checkpoint("shape", "");
  // config.json says a different FFN size than the tensors have.
  auto config = nlohmann::json::parse(read_text(checkpoint + "/config.json"));
  config["hidden_dim"] = 48;
  std::ofstream(checkpoint + "/config.json") << config.dump();
  auto model = load_model(checkpoint, default_params());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().message,
            "tensor 'distilbert.transformer.layer.0.ffn.lin1.weight' has shape [64, 32], but "
            "config.json implies [48, 32]");
}

TEST_F(TinyCheckpoint, TruncatedFileIsAnError) {
  const std::string checkpoint = make_checkpoint("truncated", "");
  const std::string path = checkpoint + "/model.safetensors";
  fs::resize_file(path, fs::file_size(path) - 100);
  auto model = load_model(checkpoint, default_params());
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message.find("truncated"), std::string::npos) << model.error().message;
  EXPECT_EQ(model.error().context.file, path);
}

TEST_F(TinyCheckpoint, UnsupportedDtypeForAWeight) {
  const std::string checkpoint = make_checkpoint("dtype", "");
  edit_header(checkpoint, [](nlohmann::json& header) {
    auto& entry = header["classifier.bias"];
    entry["dtype"] = "I32";  // same byte size as F32, so only the dtype check can object
  });
  auto model = load_model(checkpoint, default_params());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().message,
            "tensor 'classifier.bias' has dtype I32; weights must be F32, F16 or BF16");
}

TEST_F(TinyCheckpoint, UnsupportedArchitecture) {
  const std::string checkpoint = make_checkpoint("roberta", "");
  auto config = nlohmann::json::parse(read_text(checkpoint + "/config.json"));
  config["model_type"] = "roberta";
  config["architectures"] = {"RobertaForSequenceClassification"};
  std::ofstream(checkpoint + "/config.json") << config.dump();
  auto model = load_model(checkpoint, default_params());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().context.file, checkpoint + "/config.json");
  EXPECT_EQ(model.error().message,
            "unsupported model type 'roberta' (RobertaForSequenceClassification)");
}

TEST_F(TinyCheckpoint, BadBatchesAreErrorsNotCrashes) {
  const std::string checkpoint = make_checkpoint("batches", "");
  auto model = load_model(checkpoint, default_params());
  ASSERT_TRUE(model.ok());
  TokenBatch out_of_vocab{1, 3, {2, 100000, 3}, {1, 1, 1}};
  auto logits = model->forward(out_of_vocab);
  ASSERT_FALSE(logits.ok());
  EXPECT_NE(logits.error().message.find("token id 100000 (text 0, position 1)"), std::string::npos);
  TokenBatch too_long{1, 65, std::vector<int32_t>(65, 2), std::vector<int32_t>(65, 1)};
  EXPECT_FALSE(model->forward(too_long).ok());
  TokenBatch no_cls{1, 3, {2, 5, 3}, {0, 1, 1}};
  EXPECT_FALSE(model->forward(no_cls).ok());
  TokenBatch inconsistent{2, 3, {2, 5, 3}, {1, 1, 1}};
  EXPECT_FALSE(model->forward(inconsistent).ok());
  TokenBatch empty;
  auto none = model->forward(empty);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(TinyCheckpoint, SentimentScorerUsesId2Label) {
  const std::string checkpoint = make_checkpoint("scorer", "--seed 11");
  auto scorer = make_transformer_scorer(checkpoint, 1);
  ASSERT_TRUE(scorer.ok()) << scorer.error().to_string();
  EXPECT_EQ((*scorer)->model_name(), "tiny-random-distilbert (transformer, " + checkpoint + ")");
  const std::vector<std::string> texts{"great deals", "terrible awful", "free shipping"};
  auto results = (*scorer)->score(texts);
  ASSERT_TRUE(results.ok()) << results.error().to_string();
  ASSERT_EQ(results->size(), 3U);
  for (const SentimentResult& result : *results) {
    ASSERT_TRUE(result.label == "POSITIVE" || result.label == "NEGATIVE") << result.label;
    EXPECT_GE(result.score, 0.5);
    // Two labels: P(pos) − P(neg) = ±(2·score − 1).
    const double expected =
        result.label == "POSITIVE" ? 2 * result.score - 1 : 1 - 2 * result.score;
    EXPECT_NEAR(result.polarity, expected, 1e-6);
  }

  // Labels that are not POSITIVE/NEGATIVE: polarity 0.
  const std::string three = make_checkpoint("scorer3", "--labels 3");
  auto other = make_transformer_scorer(three, 1);
  ASSERT_TRUE(other.ok());
  auto other_results = (*other)->score(texts);
  ASSERT_TRUE(other_results.ok());
  EXPECT_EQ((*other_results)[0].polarity, 0.0);
  EXPECT_EQ((*other_results)[0].label.rfind("CLASS_", 0), 0U);

  EXPECT_FALSE(make_transformer_scorer(dir_.path() + "/absent", 1).ok());
}

TEST(Transformer, MissingFolder) {
  auto model = load_model("/nonexistent/model", default_params());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code, ErrorCode::kIo);
}

// The real config.json of the SST-2 checkpoint (no weights are stored in the shared folder).
TEST(Transformer, ReadsTheRealSst2Config) {
  const std::string dir =
      std::string(ADPILOT_SOURCE_DIR) + "/../shared/data/models/distilbert-sst2";
  if (!fs::exists(dir + "/config.json")) {
    GTEST_SKIP() << "skipped: " << dir << " is absent (the shared data folder)";
  }
  auto config = read_model_config(dir);
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_EQ(config->architecture, Architecture::kDistilBert);
  EXPECT_EQ(config->hidden, 768);
  EXPECT_EQ(config->heads, 12);
  EXPECT_EQ(config->layers, 6);
  EXPECT_EQ(config->ffn, 3072);
  EXPECT_EQ(config->vocab_size, 30522);
  EXPECT_EQ(config->labels, (std::vector<std::string>{"NEGATIVE", "POSITIVE"}));
  EXPECT_EQ(config->name, "distilbert-sst2");  // no _name_or_path: the folder name
}

}  // namespace
}  // namespace adpilot::nlp
