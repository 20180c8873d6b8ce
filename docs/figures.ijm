// Makes the README's pictures from the demo's output, headless:
//   bin/jpeg-restore demo && bin/jpeg-restore macro docs/figures.ijm "$PWD" && python3 docs/figures.py
// Every step is a recordable JPEG Restore command.
root = getArgument();
in = root + "/demo-output/";
out = root + "/docs/";
open(in + "sample-original.png"); rename("original");
open(in + "sample-qf20.jpg"); rename("jpeg");
run("JPEG Restore Luma", "qf=auto device=cpu");
restored = getTitle();
selectImage("jpeg");
run("JPEG DCT Viewer", "blocks qf=file");
saveAs("PNG", out + "dct-blocks.png");
selectImage("jpeg");
run("JPEG DCT Viewer", "bands qf=file");
saveAs("Tiff", in + "dct-bands.tif");
selectImage("jpeg");
run("JPEG DCT Viewer", "tables qf=file");
saveAs("Tiff", in + "quantization-tables.tif");
selectImage("jpeg");
run("JPEG DCT Viewer", "nonzero qf=90 compare1=original compare2=" + restored);
saveAs("PNG", out + "dct-nonzero.png");
selectImage("jpeg");
run("JPEG Patch Analysis", "reference=original color=frequency");
run("Flatten");
saveAs("PNG", out + "patches-frequency.png");
selectImage("jpeg");
run("JPEG Estimate Quality");
