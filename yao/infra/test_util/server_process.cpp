// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace yao::test_util {
namespace {

std::unexpected<Error> os_error(std::string context) {
    return std::unexpected(
        Error{std::error_code{errno, std::generic_category()}, std::move(context)});
}

std::unexpected<Error> start_error(std::string context) {
    return std::unexpected(
        Error{std::make_error_code(std::errc::no_such_process), std::move(context)});
}

/// fork + exec with output to `log_path`; the child dies with the thread that started it.
Result<pid_t> spawn(std::vector<std::string> args, const std::string& log_path) {
    if (args.empty()) return start_error("no program to start");
    // Everything the child needs is prepared before fork: between fork and exec only
    // async-signal-safe calls are allowed (the parent may have other threads).
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) return os_error("open " + log_path);
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        close(log_fd);
        return os_error("fork");
    }
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
        setpgid(0, 0);                        // a terminal's Ctrl-C goes to the test, not here
        dup2(log_fd, STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
        const int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, STDIN_FILENO);
        // Sockets and files of the test (client connections, other servers' logs) stay out.
        close_range(3, ~0U, 0);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(log_fd);
    return pid;
}

}  // namespace

Result<int> run_program(const std::vector<std::string>& argv, const std::string& log_path) {
    YAO_TRY(const pid_t pid, spawn(argv, log_path));
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}

Result<TempDir> TempDir::make(std::string_view prefix) {
    std::string pattern = "/tmp/" + std::string{prefix} + "XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return os_error("mkdtemp " + pattern);
    return TempDir{pattern};
}

TempDir::~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

Result<uint16_t> free_loopback_port() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return os_error("socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        auto err = os_error("bind 127.0.0.1:0");
        close(fd);
        return err;
    }
    close(fd);
    return ntohs(addr.sin_port);
}

std::optional<std::string> find_program(std::string_view name) {
    std::string dirs = "/usr/local/sbin:/usr/sbin:/sbin";
    if (const char* path = std::getenv("PATH")) dirs = std::string{path} + ":" + dirs;
    for (size_t start = 0; start <= dirs.size();) {
        size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        const std::string dir = dirs.substr(start, end - start);
        start = end + 1;
        if (dir.empty()) continue;
        std::string candidate = dir + "/" + std::string{name};
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

uint16_t port_in_log(const std::string& log_path, std::string_view marker) {
    std::ifstream log{log_path};
    std::string line;
    uint16_t port = 0;
    while (std::getline(log, line)) {
        if (auto at = line.find(marker); at != std::string::npos)
            port = static_cast<uint16_t>(std::stoul(line.substr(at + marker.size())));
    }
    return port;
}

std::string file_tail(const std::string& path, size_t max_bytes) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    const off_t size = lseek(fd, 0, SEEK_END);
    const off_t from =
        size > static_cast<off_t>(max_bytes) ? size - static_cast<off_t>(max_bytes) : 0;
    std::string text(static_cast<size_t>(size - from), '\0');
    const ssize_t n = pread(fd, text.data(), text.size(), from);
    close(fd);
    text.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return text;
}

Result<void> ServerProcess::start(Options options) {
    stop();
    options_ = std::move(options);
    return restart();
}

Result<void> ServerProcess::restart() {
    stop();
    YAO_TRY(pid_, spawn(options_.argv, options_.log_path));
    const auto deadline = std::chrono::steady_clock::now() + options_.ready_timeout;
    for (;;) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return start_error(options_.argv[0] + " exited during start-up (status " +
                               std::to_string(status) + "): " + file_tail(options_.log_path));
        }
        if (!options_.ready || options_.ready()) return {};
        if (std::chrono::steady_clock::now() > deadline) {
            kill();
            return start_error(options_.argv[0] +
                               " not ready in time: " + file_tail(options_.log_path));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
}

void ServerProcess::stop(std::chrono::milliseconds grace) noexcept {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    for (;;) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    pid_ = -1;
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds timeout) noexcept {
    if (pid_ <= 0) return std::nullopt;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
        }
        if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
}

void ServerProcess::kill() noexcept {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

}  // namespace yao::test_util
