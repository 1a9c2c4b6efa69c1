#!/usr/bin/env bash
# Debian packages the PDF build needs (run as root; CI's .ci/run calls this).
#   xelatex + latexmk + xindy     LaTeX engine, driver and index
#   fonts-freefont-otf            FreeSerif/Sans/Mono: Latin diacritics and Cyrillic
#   texlive-lang-chinese          xeCJK (its ctex hook lives there) for Japanese terms
#   fonts-ipaexfont-*             IPAex Mincho/Gothic, the Japanese glyphs themselves
#   poppler-utils                 pdftotext/pdfimages/pdftoppm for the PDF checks
# Not texlive-fonts-extra (about 1.4 GB): latex/bbm.sty stands in for the one file we'd use.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex \
  latexmk xindy fonts-freefont-otf texlive-lang-chinese \
  fonts-ipaexfont-mincho fonts-ipaexfont-gothic poppler-utils >/dev/null
