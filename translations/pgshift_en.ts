<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>pgshift::widgets::ConnectionTestView</name>
    <message numerus="yes">
        <source>%1, %2, %n user table(s)</source>
        <translation>
            <numerusform>%1, %2, %n user table</numerusform>
            <numerusform>%1, %2, %n user tables</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::widgets::LogView</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pgshift::wizard::ConnectionPage</name>
    <message numerus="yes">
        <source>and %n more schema(s)</source>
        <translation>
            <numerusform>and %n more schema</numerusform>
            <numerusform>and %n more schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The target database already holds %n user table(s), in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</source>
        <translation>
            <numerusform>The target database already holds %n user table, in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</numerusform>
            <numerusform>The target database already holds %n user tables, in: %1. pgshift never drops existing objects; tables with the same names as the source&apos;s will make the copy fail.</numerusform>
        </translation>
    </message>
</context>
</TS>
