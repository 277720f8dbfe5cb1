<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../src/mainwindow.cpp" line="42"/>
        <source>Open &quot;%1&quot; in a new tab</source>
        <translation>「%1」を新しいタブで開く</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/mainwindow.cpp" line="57"/>
        <source>%n file(s) selected</source>
        <extracomment>Status bar</extracomment>
        <translation>
            <numerusform>%n 個のファイルを選択中</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <comment>verb: close the window</comment>
        <translation type="unfinished">閉じる</translation>
    </message>
    <message>
        <source>Old entry</source>
        <translation type="vanished">古い項目</translation>
    </message>
</context>
</TS>
