@echo off
rem kubectl runs this file for kubectl automode plus TAB on Windows: kubectl
rem completes a plugin's words by running kubectl_complete-PLUGIN from PATH.
rem It hands them to the plugin's own completion; see docs/completion.md.
set "self=%~dp0kubectl-automode.exe"
if not exist "%self%" set "self=kubectl-automode.exe"
"%self%" __complete %*
