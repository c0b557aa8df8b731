complete --keep-order --exclusive --command dw --arguments "(DW_COMPLETE=fish dw -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
