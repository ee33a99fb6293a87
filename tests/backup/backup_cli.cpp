// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "backup_cli.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yao/storage/test_util/server_process.hpp>

extern char** environ;

namespace yao::backup_test {

CommandResult run_yaoverse(const std::vector<std::string>& args) {
    auto dir = storage::test_util::TempDir::make("yao-backup-cmd-").value();
    const std::string out_path = dir.path() + "/out.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<std::string> argv_text{YAOVERSE_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    CommandResult result;
    pid_t pid = 0;
    if (::posix_spawn(&pid, YAOVERSE_BINARY, &actions, nullptr, argv.data(), environ) == 0) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFEXITED(status)) result.status = WEXITSTATUS(status);
    }
    posix_spawn_file_actions_destroy(&actions);
    std::ifstream in{out_path};
    std::stringstream text;
    text << in.rdbuf();
    result.output = text.str();
    return result;
}

nlohmann::json read_manifest(const std::string& backup_dir) {
    std::ifstream in{backup_dir + "/manifest.json"};
    if (!in) return nullptr;
    std::stringstream text;
    text << in.rdbuf();
    auto j = nlohmann::json::parse(text.str(), nullptr, false);
    return j.is_discarded() ? nlohmann::json{} : j;
}

void write_manifest(const std::string& backup_dir, const nlohmann::json& manifest) {
    std::ofstream out{backup_dir + "/manifest.json", std::ios::trunc};
    out << manifest.dump(2) << "\n";
}

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator{dir, ec})
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace yao::backup_test
