;;; eglot-probe.el --- drive aks-netlint-ls from Emacs' eglot, in batch mode  -*- lexical-binding: t -*-
;;
;; Opens the file named by $FILE, starts the server given by $LSP_CMD through eglot, waits for
;; its diagnostics to reach Flymake (what the user sees in the buffer), asks a hover and the code
;; actions at a finding, and writes the results to $OUT as JSON. Never writes the buffer.
;; test/editors/eglot.test.ts reads the JSON.

;; `emacs -Q` leaves site-lisp out: Debian's elpa-eglot (and the project, xref, seq it needs) are
;; activated from /usr/share/emacs/site-lisp/elpa ($ELPA_DIR elsewhere); an empty user package
;; directory keeps the user's own packages out.
(require 'package)
(setq package-directory-list (list (or (getenv "ELPA_DIR") "/usr/share/emacs/site-lisp/elpa"))
      package-user-dir (make-temp-file "aks-netlint-elpa-" t))
(package-initialize)

(require 'cl-lib)
(require 'json)
(require 'eglot)
(require 'flymake)

(defvar probe-result nil "Alist written to $OUT.")

(defun probe-put (key value) (push (cons key value) probe-result))

(defun probe-finish ()
  (with-temp-file (getenv "OUT")
    (insert (json-encode probe-result)))
  (kill-emacs 0))

(defun probe-wait (predicate seconds what)
  "Run the event loop until PREDICATE holds, or fail after SECONDS naming WHAT."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall predicate) (error "No %s within %s s" what seconds))))

;; No terraform-mode is installed: a mode of that name gives eglot the language id "terraform".
(define-derived-mode terraform-mode prog-mode "Terraform")
(add-to-list 'auto-mode-alist '("\\.tf\\'" . terraform-mode))
(add-to-list 'eglot-server-programs
             `(terraform-mode . ,(append (split-string (getenv "LSP_CMD")) '(:initializationOptions (:debounceMs 20)))))
(setq eglot-sync-connect 10
      eglot-autoshutdown t
      flymake-no-changes-timeout 0.05)

(defun probe-diagnostics ()
  "What Flymake shows: code, 0-based line and columns, severity and message, by position."
  (mapcar (lambda (d)
            (let ((lsp (cdr (assoc 'eglot-lsp-diag (eglot--diag-data d)))))
              (save-excursion
                (goto-char (flymake-diagnostic-beg d))
                `((code . ,(plist-get lsp :code))
                  (line . ,(1- (line-number-at-pos)))
                  (col . ,(current-column))
                  (end_col . ,(- (flymake-diagnostic-end d) (line-beginning-position)))
                  (type . ,(symbol-name (flymake-diagnostic-type d)))
                  (text . ,(flymake-diagnostic-text d))))))
          (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))

(defun probe-point-at (line character)
  (goto-char (point-min))
  (forward-line line)
  (forward-char character)
  (point))

(condition-case err
    (progn
      (find-file (getenv "FILE"))
      (unless (eq major-mode 'terraform-mode) (error "Not in terraform-mode: %s" major-mode))
      ;; What M-x eglot does, without its prompts (eglot-ensure waits for a command loop batch mode lacks).
      (apply #'eglot (eglot--guess-contact))
      (probe-wait (lambda () (eglot-current-server)) 20 "eglot connection")
      (probe-put 'server_name (plist-get (eglot--server-info (eglot-current-server)) :name))
      (probe-wait (lambda () (>= (length (flymake-diagnostics)) 2)) 20 "diagnostics in Flymake")
      (probe-put 'diagnostics (vconcat (probe-diagnostics)))
      ;; Hover on network_policy (line 21, 1-based).
      (let* ((pos (probe-point-at 20 10))
             (hover (save-excursion
                      (goto-char pos)
                      (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams)))))
        (probe-put 'hover (plist-get (plist-get hover :contents) :value)))
      ;; Code actions on the "Overlay" value (line 19), with the diagnostics Flymake holds there.
      (let ((beg (probe-point-at 18 30)))
        (probe-put 'code_actions (vconcat (mapcar (lambda (a) (plist-get a :title)) (eglot-code-actions beg beg)))))
      (probe-put 'modified (if (buffer-modified-p) t :json-false))
      (eglot-shutdown (eglot-current-server)))
  (error (probe-put 'error (error-message-string err))))
(probe-finish)
;;; eglot-probe.el ends here
