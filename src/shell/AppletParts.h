// The C sources of init.sh's text applets, one constant per applet or shared piece, kept
// in a file per family (AppletLib.cpp, AppletText.cpp, AppletGrep.cpp, AppletLog.cpp,
// AppletMisc.cpp, AppletCrash.cpp, AppletLs.cpp, AppletAwk.cpp, AppletFiles.cpp); text_applet_source() (AppletSources.cpp) joins them.
#pragma once

#include <string_view>

namespace kctx::shell::applet {

extern const std::string_view kIncludes;
extern const std::string_view kDigits;
extern const std::string_view kLineReader;
extern const std::string_view kFullWrite;
extern const std::string_view kCat;
extern const std::string_view kEcho;
extern const std::string_view kPrintf;
extern const std::string_view kRegex;   // AppletGrep.cpp: grep's matcher
extern const std::string_view kGrep;
extern const std::string_view kAwk;     // AppletAwk.cpp
extern const std::string_view kIds;     // AppletFiles.cpp: Debian's users and groups
extern const std::string_view kRm;
extern const std::string_view kLn;
extern const std::string_view kChmod;
extern const std::string_view kChown;
extern const std::string_view kHeadTail;
extern const std::string_view kTee;
extern const std::string_view kWc;
extern const std::string_view kDmesg;
extern const std::string_view kJournalctl;
extern const std::string_view kSleep;
extern const std::string_view kMknod;
extern const std::string_view kTest;
extern const std::string_view kCrash;
extern const std::string_view kLs;   // AppletLs.cpp
extern const std::string_view kTrue;
extern const std::string_view kFalse;

}   // namespace kctx::shell::applet
