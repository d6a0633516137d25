@echo off
rem gatehouse.cmd: runs target\gatehouse.jar on a JDK 25, wherever that JDK is installed.
rem The Windows twin of bin/gatehouse, with the same search order; the first JDK found wins:
rem   1. %JAVA_HOME%
rem   2. the java.exe on PATH
rem   3. the <jdkHome> entries of %USERPROFILE%\.m2\toolchains.xml
rem   4. the usual places: %ProgramFiles%\Eclipse Adoptium\*, %ProgramFiles%\Java\*,
rem      %ProgramFiles%\Microsoft\*, %ProgramFiles%\Zulu\*, %ProgramFiles%\Amazon Corretto\*,
rem      %ProgramFiles%\BellSoft\*, %USERPROFILE%\.jdks\* (GATEHOUSE_JDK_SEARCH_PATH, folders
rem      separated by ";", replaces this list)
rem A JDK's version is read from its "release" file (JAVA_VERSION), else from "java -version".
rem Arguments pass through and the jar's exit status is kept (0 done, 1 failed, 2 usage error);
rem the launcher exits 1 when it finds no JDK 25 or no jar. GATEHOUSE_JAVA_OPTS adds JVM options,
rem GATEHOUSE_JAR names another jar.
setlocal EnableExtensions EnableDelayedExpansion
set "REQUIRED=25"
for %%h in ("%~dp0..") do set "GATEHOUSE_CHECKOUT=%%~fh"
set "JDK="

if defined JAVA_HOME call :try "%JAVA_HOME%"

if not defined JDK for %%j in (java.exe) do if not "%%~$PATH:j"=="" call :try "%%~dp$PATH:j.."

set "TOOLCHAINS=%USERPROFILE%\.m2\toolchains.xml"
if not defined JDK if exist "%TOOLCHAINS%" for /f "usebackq delims=" %%l in (`findstr /i "jdkHome" "%TOOLCHAINS%"`) do if not defined JDK call :toolchain "%%l"

if defined GATEHOUSE_JDK_SEARCH_PATH (
    set "SEARCH=!GATEHOUSE_JDK_SEARCH_PATH!"
) else (
    set "SEARCH=!ProgramFiles!\Eclipse Adoptium;!ProgramFiles!\Java;!ProgramFiles!\Microsoft;!ProgramFiles!\Zulu;!ProgramFiles!\Amazon Corretto;!ProgramFiles!\BellSoft;!USERPROFILE!\.jdks"
)
if not defined JDK for %%p in ("!SEARCH:;=" "!") do if not defined JDK if exist "%%~p\" for /d %%d in ("%%~p\*") do if not defined JDK call :try "%%~d"

if not defined JDK goto nojdk

if defined GATEHOUSE_JAR (set "JAR=%GATEHOUSE_JAR%") else (set "JAR=%GATEHOUSE_CHECKOUT%\target\gatehouse.jar")
if not exist "%JAR%" goto nojar

rem Arguments such as a tenant name may hold "!": pass them on with delayed expansion off.
setlocal DisableDelayedExpansion
"%JDK%\bin\java.exe" %GATEHOUSE_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:nojdk
echo gatehouse: no JDK %REQUIRED% or newer found; Gatehouse needs Java %REQUIRED%. 1>&2
echo   Looked at: JAVA_HOME, the java.exe on PATH, %%USERPROFILE%%\.m2\toolchains.xml, 1>&2
echo   and the JDKs under !SEARCH!. 1>&2
echo   Install a JDK %REQUIRED% (for example Eclipse Temurin %REQUIRED%: https://adoptium.net, 1>&2
echo   or "winget install EclipseAdoptium.Temurin.%REQUIRED%.JDK"), or set JAVA_HOME to one, and run the command again. 1>&2
exit /b 1

:nojar
echo gatehouse: %JAR% is missing; build it once with: 1>&2
echo   cd /d "%GATEHOUSE_CHECKOUT%" ^&^& mvnw.cmd -B package -DskipTests 1>&2
exit /b 1

rem One line of toolchains.xml holding "<jdkHome>folder</jdkHome>": tries that folder.
:toolchain
set "LINE=%~1"
set "LINE=!LINE:*jdkHome>=!"
for /f "tokens=1 delims=<" %%f in ("!LINE!") do call :try "%%f"
exit /b 0

rem Sets JDK to folder %1 when it holds a JDK %REQUIRED% or newer.
:try
if defined JDK exit /b 0
set "CANDIDATE=%~f1"
for /f "tokens=* delims= " %%c in ("%CANDIDATE%") do set "CANDIDATE=%%c"
if not exist "%CANDIDATE%\bin\java.exe" exit /b 0
set "VERSION="
if exist "%CANDIDATE%\release" for /f "usebackq tokens=2 delims==" %%v in (`findstr /b "JAVA_VERSION=" "%CANDIDATE%\release"`) do set "VERSION=%%~v"
if not defined VERSION for /f "tokens=3" %%v in ('call "%CANDIDATE%\bin\java.exe" -version 2^>^&1 ^| findstr /i "version"') do set "VERSION=%%~v"
if not defined VERSION exit /b 0
set "MAJOR="
for /f "tokens=1,2 delims=.-+_" %%a in ("%VERSION%") do (
    set "MAJOR=%%a"
    if "%%a"=="1" set "MAJOR=%%b"
)
set /a MAJOR_NUMBER=MAJOR 2>nul
if !MAJOR_NUMBER! GEQ %REQUIRED% set "JDK=%CANDIDATE%"
exit /b 0
